import EngagementCore

/// Loads several profiles at once, on all cores, keeping the order given.
enum ProfileBatch {
    static func load(_ paths: [String]) async -> [ProfileLoadResult] {
        await withTaskGroup(of: (Int, ProfileLoadResult).self) { group in
            for (index, path) in paths.enumerated() {
                group.addTask { (index, ProfileLoader.load(fileAt: path)) }
            }
            var results = [ProfileLoadResult?](repeating: nil, count: paths.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
    }
}
