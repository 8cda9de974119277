import EngageBasics
import Foundation
import Rendering

/// The PNGs of a pack's charts in its Word documents, kept in `.engage/charts/` by the hash
/// of the SVG they are drawn from, their size and the drawing's revision
/// (``SVGRasterizer/revision``): a chart takes 5 to 15 ms to draw, and
/// every Word file of a publication is rebuilt to be compared with the one on disk, so an
/// unchanged chart would otherwise be drawn again by every `generate` and `regenerate`.
///
/// A cache, not history: a picture is the same bytes whether drawn now or read back (the
/// drawing is deterministic), nothing else reads these files, and a missing or unreadable
/// one is drawn again. The folder keeps the most recently used ``capacity`` pictures.
/// Safe to use from the threads that prepare a publication's documents.
final class ChartPictures: @unchecked Sendable {
    static let folderName = "charts"
    /// Enough for every chart of the four documents in both editions, several times over.
    static let capacity = 64

    private let folder: URL
    private let draw: DocxWriter.Rasterize
    private let lock = NSLock()
    /// Pictures drawn by this run, not yet in the folder.
    private var drawn: [String: [UInt8]] = [:]
    /// Pictures this run read from the folder.
    private var used: Set<String> = []

    /// The pictures of the pack whose store folder (`.engage`) is `storeFolder`.
    init(storeFolder: URL, draw: @escaping DocxWriter.Rasterize = DocxWriter.drawChart) {
        folder = storeFolder.appendingPathComponent(Self.folderName)
        self.draw = draw
    }

    /// The PNG of `svg` at `width` x `height` pixels: from this run, the folder, or drawn.
    func picture(_ svg: [UInt8], _ width: Int, _ height: Int) throws(SVGRasterizer.Error) -> [UInt8] {
        let name = Self.name(svg, width, height)
        if let known = lock.withLock({ drawn[name] }) { return known }
        if let stored = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
            stored.starts(with: [0x89, 0x50, 0x4E, 0x47])
        {
            lock.withLock { _ = used.insert(name) }
            return [UInt8](stored)
        }
        let png = try draw(svg, width, height)
        lock.withLock { drawn[name] = png }
        return png
    }

    static func name(_ svg: [UInt8], _ width: Int, _ height: Int) -> String {
        "\(FNV1a.hex(FNV1a.hash(svg)))-\(width)x\(height)\(revisionSuffix)"
    }

    private static let revisionSuffix = "-r\(SVGRasterizer.revision).png"

    /// Writes the pictures drawn by this run into the folder and keeps the ``capacity``
    /// most recently used of this revision; a failure leaves the cache as it was, to be
    /// filled next time.
    func save() {
        let (drawn, used) = lock.withLock { (self.drawn, self.used) }
        guard !drawn.isEmpty || !used.isEmpty else { return }
        let manager = FileManager.default
        try? manager.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, png) in drawn.sorted(by: { $0.key < $1.key }) {
            try? Data(png).write(to: folder.appendingPathComponent(name), options: .atomic)
        }
        // Used pictures count as new: the oldest untouched go first.
        let now = Date()
        for name in used { try? manager.setAttributes([.modificationDate: now], ofItemAtPath: folder.appendingPathComponent(name).path) }
        guard var names = try? manager.contentsOfDirectory(atPath: folder.path) else { return }
        // Pictures of another drawing revision are never read by this one. (Another engage
        // version sharing the pack loses its pictures, and draws them again: a cache.)
        for name in names where !name.hasSuffix(Self.revisionSuffix) { try? manager.removeItem(at: folder.appendingPathComponent(name)) }
        names.removeAll { !$0.hasSuffix(Self.revisionSuffix) }
        guard names.count > Self.capacity else { return }
        let byAge = names.map { name in
            (name, (try? manager.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.modificationDate] as? Date) ?? .distantPast)
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        for (name, _) in byAge.dropFirst(Self.capacity) { try? manager.removeItem(at: folder.appendingPathComponent(name)) }
    }
}
