import Foundation
import XMLSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Draws an SVG as a PNG in this process, with cairo and pango: the picture a Word
/// document carries beside a chart's SVG for the readers that cannot draw SVG (Word before
/// 2016, LibreOffice, and so the PDF).
///
/// Who draws: the SVG of `engage`'s charts, a small vocabulary of shapes and one-line
/// labels (``ChartScene``), is painted by cairo and pango directly (``CairoPainter``);
/// any other SVG goes to librsvg. Both give the same picture (a test compares them over
/// every chart of every sample), but librsvg 2.54 draws text as paths, at about 25 µs a
/// glyph: 35-45 ms for a journey map, against 9-14 ms painted.
///
/// The libraries are loaded with `dlopen` when the first picture is drawn, not linked:
/// `engage` starts, and writes XHTML, HTML and Markdown, on a machine without them; only a
/// Word or PDF document with a chart needs them, and then ``Error/libraryMissing(_:)``
/// names the package to install (librsvg's, which brings cairo and pango). Building needs
/// no headers either. The few functions called belong to the stable C interfaces of
/// librsvg 2.46 and later, pango 1.44, cairo, GObject and zlib; their C signatures are
/// written out below and in ``CairoPainter/Functions``.
///
/// The PNG is encoded here, with zlib at its fastest level and in strips on several
/// threads (``PNGStrips``), rather than by cairo's `cairo_surface_write_to_png_stream`,
/// which has libpng try every row filter at zlib's default level: 36 ms of a 48 ms chart,
/// against 12 ms on one core and 9 on two (and 3 since a grey chart is written as grey).
/// The white background is blended in before the rows are encoded, outside the lock,
/// rather than painted first inside it.
///
/// Safe to call from several threads: one picture is drawn at a time, process-wide,
/// because crashes are reported when two threads draw text at once with cairo 1.16's
/// FreeType backend (in `_cairo_ft_scaled_glyph_load_glyph`, under
/// `rsvg_handle_render_document`; hzeller/timg, 2024). The PNG is encoded outside that
/// lock, so pictures drawn in parallel still share the work.
public enum SVGRasterizer {
    /// The Debian package that holds librsvg (and brings cairo, GObject and zlib with it).
    public static let package = "librsvg2-2"

    /// Changes whenever the same SVG is drawn as different bytes, so that pictures kept
    /// from an earlier drawing (the pack's `.engage/charts`) are not mistaken for new ones.
    /// 2: painted by cairo and pango, written as grey PNG where they are grey.
    public static let revision = 2

    /// Cairo refuses larger pictures.
    public static let maximumSide = 32_767

    /// Why a picture could not be drawn.
    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        /// librsvg, pango, cairo, GObject or zlib could not be loaded: the loader's message.
        case libraryMissing(String)
        /// librsvg could not read or draw the SVG: its message.
        case unreadable(String)
        /// A side is not between 1 and ``SVGRasterizer/maximumSide`` pixels.
        case invalidSize(width: Int, height: Int)

        public var description: String {
            switch self {
            case .libraryMissing(let reason):
                "Charts in Word and PDF documents are drawn with librsvg's libraries, which could not be loaded (\(reason)): install it with apt-get install \(SVGRasterizer.package)."
            case .unreadable(let reason):
                "The chart could not be drawn: \(reason)."
            case .invalidSize(let width, let height):
                "A chart cannot be drawn \(width) x \(height) pixels: each side must be between 1 and \(SVGRasterizer.maximumSide)."
            }
        }
    }

    /// Who draws a picture.
    public enum Renderer: Sendable {
        /// cairo and pango directly for the SVG `engage`'s charts are made of
        /// (``ChartScene``), librsvg for any other.
        case automatic
        /// librsvg, whatever the SVG.
        case librsvg
    }

    /// The PNG of `svg` drawn `width` x `height` pixels on white, the SVG scaled to fit
    /// (keeping its aspect ratio and centred). The PNG records `dotsPerInch`, the size it
    /// prints at: 96 is the SVG's own size in CSS pixels.
    ///
    /// - Throws: ``Error/libraryMissing(_:)`` when librsvg is not installed,
    ///   ``Error/unreadable(_:)`` when it cannot draw `svg`.
    public static func png(fromSVG svg: [UInt8], width: Int, height: Int, dotsPerInch: Int = 96, renderer: Renderer = .automatic) throws(Error) -> [UInt8] {
        guard (1...maximumSide).contains(width), (1...maximumSide).contains(height) else {
            throw .invalidSize(width: width, height: height)
        }
        let library = try NativeLibraries.shared.get()
        var painted: NativeLibraries.Picture?
        if renderer == .automatic, let scene = ChartScene(svg: svg) {
            painted = try CairoPainter.paint(scene, width: Int32(width), height: Int32(height), with: library)
        }
        let picture: NativeLibraries.Picture
        if let painted { picture = painted } else { picture = try library.draw(svg, width: Int32(width), height: Int32(height)) }
        defer { library.surfaceDestroy(picture.surface) }
        return try library.png(of: picture, width: width, height: height, dotsPerInch: dotsPerInch)
    }

    /// The PNG of `svg` drawn by librsvg `height` pixels high and as wide as its own
    /// proportions make it (a logo), on white.
    ///
    /// - Throws: ``Error/libraryMissing(_:)`` when librsvg is not installed,
    ///   ``Error/unreadable(_:)`` when it cannot draw `svg` or `svg` has no size.
    public static func png(fromSVG svg: [UInt8], height: Int) throws(Error) -> [UInt8] {
        let size = try NativeLibraries.shared.get().size(of: svg)
        let width = max(1, Int((Double(height) * size.width / size.height).rounded()))
        return try png(fromSVG: svg, width: width, height: height, renderer: .librsvg)
    }

    /// Loads librsvg now, so that a caller can refuse early.
    ///
    /// - Throws: ``Error/libraryMissing(_:)`` when librsvg is not installed.
    public static func load() throws(Error) {
        _ = try NativeLibraries.shared.get()
    }
}

/// The librsvg, cairo, GObject and zlib functions the rasterizer calls, looked up once and
/// kept for the life of the process.
struct NativeLibraries: @unchecked Sendable {
    // C signatures from rsvg.h, cairo.h, gerror.h, gobject.h and zlib.h. Objects are opaque
    // pointers; a GError starts { GQuark domain; gint code; gchar *message; }; an
    // RsvgRectangle is four doubles, x, y, width and height.
    typealias NewFromData = @convention(c) (UnsafePointer<UInt8>?, UInt, UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> UnsafeMutableRawPointer?
    typealias SetDPI = @convention(c) (UnsafeMutableRawPointer?, Double) -> Void
    /// `RsvgDimensionData *`: int width, int height (pixels), double em, double ex.
    typealias GetDimensions = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Void
    typealias RenderDocument = @convention(c) (
        UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafePointer<Double>?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    ) -> Int32
    typealias ImageSurfaceCreate = @convention(c) (Int32, Int32, Int32) -> UnsafeMutableRawPointer?
    typealias Create = @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?
    typealias IntegerOf = @convention(c) (UnsafeMutableRawPointer?) -> Int32
    typealias DataOf = @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutablePointer<UInt8>?
    typealias Act = @convention(c) (UnsafeMutableRawPointer?) -> Void
    typealias DeflateInit = @convention(c) (UnsafeMutableRawPointer?, Int32, Int32, Int32, Int32, Int32, UnsafePointer<CChar>?, Int32) -> Int32
    typealias Deflate = @convention(c) (UnsafeMutableRawPointer?, Int32) -> Int32
    typealias DeflateEnd = @convention(c) (UnsafeMutableRawPointer?) -> Int32
    typealias DeflateBound = @convention(c) (UnsafeMutableRawPointer?, UInt) -> UInt
    typealias Checksum = @convention(c) (UInt, UnsafePointer<UInt8>?, UInt32) -> UInt
    typealias CombineAdler32 = @convention(c) (UInt, UInt, Int) -> UInt

    let newFromData: NewFromData
    let setDPI: SetDPI
    let getDimensions: GetDimensions
    let renderDocument: RenderDocument
    let imageSurfaceCreate: ImageSurfaceCreate
    let surfaceStatus: IntegerOf
    let surfaceFlush: Act
    let surfaceData: DataOf
    let surfaceStride: IntegerOf
    let surfaceDestroy: Act
    let create: Create
    let destroy: Act
    let objectUnref: Act
    let errorFree: Act
    let deflateInit: DeflateInit
    let deflate: Deflate
    let deflateEnd: DeflateEnd
    let deflateBound: DeflateBound
    let adler32: Checksum
    let combineAdler32: CombineAdler32
    let crc32: Checksum
    let painting: CairoPainter.Functions

    static let shared: Result<NativeLibraries, SVGRasterizer.Error> = Result { () throws(SVGRasterizer.Error) in try load() }

    /// One picture is drawn at a time, by librsvg or the painter (see ``SVGRasterizer``).
    static let drawing = NSLock()

    #if os(macOS)
    static let names = (
        rsvg: "librsvg-2.2.dylib", cairo: "libcairo.2.dylib", gobject: "libgobject-2.0.0.dylib", zlib: "libz.1.dylib",
        pango: "libpango-1.0.0.dylib", pangoCairo: "libpangocairo-1.0.0.dylib")
    #else
    static let names = (
        rsvg: "librsvg-2.so.2", cairo: "libcairo.so.2", gobject: "libgobject-2.0.so.0", zlib: "libz.so.1",
        pango: "libpango-1.0.so.0", pangoCairo: "libpangocairo-1.0.so.0")
    #endif

    static func open(_ name: String) throws(SVGRasterizer.Error) -> UnsafeMutableRawPointer {
        guard let library = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
            throw .libraryMissing(dlerror().map { String(cString: $0) } ?? "\(name) was not found")
        }
        return library
    }

    static func function<Function>(_ library: UnsafeMutableRawPointer, _ name: String, as type: Function.Type) throws(SVGRasterizer.Error) -> Function {
        guard let address = dlsym(library, name) else {
            throw .libraryMissing("\(name) is missing: librsvg 2.46 or later, pango 1.44 or later, cairo 1.12 or later and zlib 1.2 are needed")
        }
        return unsafeBitCast(address, to: type)
    }

    static func load() throws(SVGRasterizer.Error) -> NativeLibraries {
        func function<Function>(_ library: UnsafeMutableRawPointer, _ name: String, as type: Function.Type) throws(SVGRasterizer.Error) -> Function {
            try Self.function(library, name, as: type)
        }
        let rsvg = try open(names.rsvg)
        let cairo = try open(names.cairo)
        let gobject = try open(names.gobject)
        let zlib = try open(names.zlib)
        let painting = try CairoPainter.Functions(cairo: cairo, pango: try open(names.pango), pangoCairo: try open(names.pangoCairo))
        return NativeLibraries(
            newFromData: try function(rsvg, "rsvg_handle_new_from_data", as: NewFromData.self),
            setDPI: try function(rsvg, "rsvg_handle_set_dpi", as: SetDPI.self),
            getDimensions: try function(rsvg, "rsvg_handle_get_dimensions", as: GetDimensions.self),
            renderDocument: try function(rsvg, "rsvg_handle_render_document", as: RenderDocument.self),
            imageSurfaceCreate: try function(cairo, "cairo_image_surface_create", as: ImageSurfaceCreate.self),
            surfaceStatus: try function(cairo, "cairo_surface_status", as: IntegerOf.self),
            surfaceFlush: try function(cairo, "cairo_surface_flush", as: Act.self),
            surfaceData: try function(cairo, "cairo_image_surface_get_data", as: DataOf.self),
            surfaceStride: try function(cairo, "cairo_image_surface_get_stride", as: IntegerOf.self),
            surfaceDestroy: try function(cairo, "cairo_surface_destroy", as: Act.self),
            create: try function(cairo, "cairo_create", as: Create.self),
            destroy: try function(cairo, "cairo_destroy", as: Act.self),
            objectUnref: try function(gobject, "g_object_unref", as: Act.self),
            errorFree: try function(gobject, "g_error_free", as: Act.self),
            deflateInit: try function(zlib, "deflateInit2_", as: DeflateInit.self),
            deflate: try function(zlib, "deflate", as: Deflate.self),
            deflateEnd: try function(zlib, "deflateEnd", as: DeflateEnd.self),
            deflateBound: try function(zlib, "deflateBound", as: DeflateBound.self),
            adler32: try function(zlib, "adler32", as: Checksum.self),
            combineAdler32: try function(zlib, "adler32_combine", as: CombineAdler32.self),
            crc32: try function(zlib, "crc32", as: Checksum.self),
            painting: painting)
    }

    /// A cairo image surface the caller destroys.
    struct Picture {
        let surface: UnsafeMutableRawPointer
    }

    /// `CAIRO_FORMAT_ARGB32`: native 32-bit words 0xAARRGGBB, colours premultiplied by
    /// alpha; a new surface is transparent.
    static let argb32: Int32 = 0

    /// The size `svg` gives itself, in CSS pixels (from its width and height, or else its
    /// viewBox, as librsvg reads them).
    func size(of svg: [UInt8]) throws(SVGRasterizer.Error) -> (width: Double, height: Double) {
        try withHandle(svg) { handle throws(SVGRasterizer.Error) in
            let dimensions = UnsafeMutableRawPointer.allocate(byteCount: 24, alignment: 8)
            defer { dimensions.deallocate() }
            dimensions.initializeMemory(as: UInt8.self, repeating: 0, count: 24)
            getDimensions(handle, dimensions)
            let (width, height) = (dimensions.load(as: Int32.self), dimensions.load(fromByteOffset: 4, as: Int32.self))
            guard width > 0, height > 0 else { throw .unreadable("it gives itself no size") }
            return (Double(width), Double(height))
        }
    }

    /// `svg` drawn into a new transparent surface of `width` x `height` pixels.
    func draw(_ svg: [UInt8], width: Int32, height: Int32) throws(SVGRasterizer.Error) -> Picture {
        try withHandle(svg) { handle throws(SVGRasterizer.Error) in
            guard let surface = imageSurfaceCreate(Self.argb32, width, height) else { throw .unreadable("cairo could not make a picture") }
            guard surfaceStatus(surface) == 0 else {
                surfaceDestroy(surface)
                throw .unreadable("cairo could not make a picture of \(width) x \(height) pixels")
            }
            let context = create(surface)
            defer { destroy(context) }
            let viewport = [0, 0, Double(width), Double(height)]
            var error: UnsafeMutableRawPointer?
            guard viewport.withUnsafeBufferPointer({ renderDocument(handle, context, $0.baseAddress, &error) }) != 0 else {
                surfaceDestroy(surface)
                throw .unreadable(message(of: error) ?? "it could not be drawn")
            }
            surfaceFlush(surface)
            return Picture(surface: surface)
        }
    }

    /// `svg` read by librsvg, at CSS's 96 dpi for physical units (pt, mm) whatever
    /// librsvg's default, handed to `body` under the drawing lock and released after.
    private func withHandle<Result>(
        _ svg: [UInt8], _ body: (UnsafeMutableRawPointer) throws(SVGRasterizer.Error) -> Result
    ) throws(SVGRasterizer.Error) -> Result {
        Self.drawing.lock()
        defer { Self.drawing.unlock() }
        var error: UnsafeMutableRawPointer?
        let handle = svg.withUnsafeBufferPointer { newFromData($0.baseAddress, UInt($0.count), &error) }
        guard let handle else { throw .unreadable(message(of: error) ?? "it is not SVG") }
        defer { objectUnref(handle) }
        setDPI(handle, 96)
        return try body(handle)
    }

    /// The message of a GError, which is freed.
    private func message(of error: UnsafeMutableRawPointer?) -> String? {
        guard let error else { return nil }
        defer { errorFree(error) }
        return error.load(fromByteOffset: 8, as: UnsafePointer<CChar>?.self).map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    // MARK: - PNG

    /// The PNG of `picture` on white: 8-bit grey when every pixel is a grey (a chart drawn in
    /// greys: a third of the bytes to filter and compress, half the file), 8-bit RGB
    /// otherwise; every row filtered by its difference from the row above (PNG's "Up"
    /// filter, the smallest of the five here at equal speed), in one IDAT chunk.
    func png(of picture: Picture, width: Int, height: Int, dotsPerInch: Int) throws(SVGRasterizer.Error) -> [UInt8] {
        guard let pixels = surfaceData(picture.surface) else { throw .unreadable("cairo gave no pixels") }
        let strips = PNGStrips(library: self, pixels: pixels, stride: Int(surfaceStride(picture.surface)), width: width, height: height)
        // Over white first, in place, so that each strip's first row can read the row above.
        DispatchQueue.concurrentPerform(iterations: strips.count) { strips.blendOverWhite($0) }
        strips.channels = strips.allGrey ? 1 : 3
        DispatchQueue.concurrentPerform(iterations: strips.count) { strips.compress($0) }
        // A zlib stream: its header (deflate, 32 KB window, fastest), the strips, the Adler-32 of all.
        var stream: [UInt8] = [0x78, 0x01]
        var checksum: UInt?
        for strip in strips.results {
            guard let strip else { throw .unreadable("zlib could not compress the picture") }
            stream += strip.bytes
            checksum = checksum.map { combineAdler32($0, strip.checksum, strip.length) } ?? strip.checksum
        }
        stream += Self.bigEndian(Int(checksum ?? 1))

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png.reserveCapacity(stream.count + 80)
        // Width, height, 8 bits a channel, grey (0) or RGB (2), deflate, adaptive filters, no interlace.
        chunk("IHDR", Self.bigEndian(width) + Self.bigEndian(height) + [8, strips.channels == 1 ? 0 : 2, 0, 0, 0], into: &png)
        let dotsPerMetre = Self.bigEndian(Int((Double(dotsPerInch) / 0.0254).rounded()))
        chunk("pHYs", dotsPerMetre + dotsPerMetre + [1], into: &png)
        chunk("IDAT", stream, into: &png)
        chunk("IEND", [], into: &png)
        return png
    }

    private func chunk(_ type: String, _ data: [UInt8], into png: inout [UInt8]) {
        let typeAndData = Array(type.utf8) + data
        png += Self.bigEndian(data.count)
        png += typeAndData
        png += Self.bigEndian(Int(typeAndData.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }))
    }

    private static func bigEndian(_ value: Int) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }
}

/// A picture's rows, filtered and compressed in strips on several threads at once (a
/// chart in 15 ms instead of 23 on two cores). Each strip is a run of deflate blocks that
/// a sync flush ends on a byte (as pigz does), so that the strips join into one stream.
///
/// Unchecked `Sendable`: each strip writes only its own rows of `pixels` and its own slot
/// of `results`, and reads the row above its first only after every strip has blended.
private final class PNGStrips: @unchecked Sendable {
    /// Fixed, so that the bytes do not depend on the machine's processors.
    static let maximumCount = 4

    let library: NativeLibraries
    let pixels: UnsafeMutablePointer<UInt8>
    let stride: Int
    let width: Int
    let count: Int
    let rowsPerStrip: Int
    let height: Int
    /// Each strip's deflate blocks, and the Adler-32 and length of the rows they hold;
    /// nil where zlib failed.
    let results: UnsafeMutableBufferPointer<(bytes: [UInt8], checksum: UInt, length: Int)?>
    /// Whether each strip's pixels are all grey, once blended.
    let grey: UnsafeMutableBufferPointer<Bool>
    /// Bytes a pixel in the PNG: 1 (grey) or 3 (RGB), set between blending and compressing.
    var channels = 3

    var allGrey: Bool { grey.allSatisfy { $0 } }

    init(library: NativeLibraries, pixels: UnsafeMutablePointer<UInt8>, stride: Int, width: Int, height: Int) {
        self.library = library
        self.pixels = pixels
        self.stride = stride
        self.width = width
        self.height = height
        rowsPerStrip = (height + Self.maximumCount - 1) / Self.maximumCount
        count = (height + rowsPerStrip - 1) / rowsPerStrip
        results = .allocate(capacity: count)
        results.initialize(repeating: nil)
        grey = .allocate(capacity: count)
        grey.initialize(repeating: false)
    }

    deinit {
        results.deinitialize()
        results.deallocate()
        grey.deallocate()
    }

    func rows(of strip: Int) -> Range<Int> { strip * rowsPerStrip..<min(height, (strip + 1) * rowsPerStrip) }

    /// Row `y`: cairo's ARGB32 pixels are native 32-bit words.
    func row(_ y: Int) -> UnsafeMutablePointer<UInt32> { UnsafeMutableRawPointer(pixels + y * stride).assumingMemoryBound(to: UInt32.self) }

    /// Blends the strip over white and notes whether every pixel came out grey.
    func blendOverWhite(_ strip: Int) {
        var colourful: UInt32 = 0
        for y in rows(of: strip) {
            let pixels = row(y)
            for x in 0..<width {
                let pixel = Self.overWhite(pixels[x])
                pixels[x] = pixel
                // Red against green and green against blue: zero for a grey.
                colourful |= ((pixel >> 8) ^ pixel) & 0xFFFF
            }
        }
        grey[strip] = colourful == 0
    }

    /// A premultiplied ARGB32 pixel over white: each colour plus the white that shows
    /// through, 255 - alpha (never above 255, as a colour never exceeds its alpha).
    @inline(__always)
    static func overWhite(_ pixel: UInt32) -> UInt32 {
        let white = 255 &- (pixel >> 24)
        return pixel &+ (white << 16 | white << 8 | white)
    }

    func compress(_ strip: Int) {
        let filtered = filteredRows(rows(of: strip))
        let checksum = filtered.withUnsafeBufferPointer { library.adler32(library.adler32(0, nil, 0), $0.baseAddress, UInt32($0.count)) }
        results[strip] = deflate(filtered, last: strip == count - 1).map { ($0, checksum, filtered.count) }
    }

    /// `rows`, each a filter byte (2, Up) and its grey or RGB bytes less those of the row
    /// above (zero above the first).
    func filteredRows(_ rows: Range<Int>) -> [UInt8] {
        let rowLength = 1 + channels * width
        let grey = channels == 1
        let zeros = [UInt32](repeating: 0, count: width)
        return zeros.withUnsafeBufferPointer { zeros in
            [UInt8](unsafeUninitializedCapacity: rowLength * rows.count) { output, written in
                for (index, y) in rows.enumerated() {
                    let pixels = row(y)
                    guard let above = y > 0 ? UnsafePointer(row(y - 1)) : zeros.baseAddress else { continue }
                    let start = index * rowLength
                    output[start] = 2
                    if grey {
                        for x in 0..<width { output[start + 1 + x] = UInt8(truncatingIfNeeded: pixels[x]) &- UInt8(truncatingIfNeeded: above[x]) }
                        continue
                    }
                    for x in 0..<width {
                        let (pixel, previous) = (pixels[x], above[x])
                        output[start + 1 + 3 * x] = UInt8(truncatingIfNeeded: pixel >> 16) &- UInt8(truncatingIfNeeded: previous >> 16)
                        output[start + 2 + 3 * x] = UInt8(truncatingIfNeeded: pixel >> 8) &- UInt8(truncatingIfNeeded: previous >> 8)
                        output[start + 3 + 3 * x] = UInt8(truncatingIfNeeded: pixel) &- UInt8(truncatingIfNeeded: previous)
                    }
                }
                written = rowLength * rows.count
            }
        }
    }

    /// `input` as raw deflate blocks at zlib's fastest level (flat chart colours compress
    /// well at any level): the last strip ends the stream, the others end on a byte.
    func deflate(_ input: [UInt8], last: Bool) -> [UInt8]? {
        var stream = ZStream()
        return withUnsafeMutablePointer(to: &stream) { stream -> [UInt8]? in
            // zlib checks the z_stream's size against its own; -15: raw deflate, 32 KB window.
            guard library.deflateInit(stream, 1, 8, -15, 8, 0, "1", Int32(MemoryLayout<ZStream>.size)) == 0 else { return nil }
            defer { _ = library.deflateEnd(stream) }
            // The bound, and the sync flush's empty block.
            var output = [UInt8](repeating: 0, count: Int(library.deflateBound(stream, UInt(input.count))) + 16)
            let status = input.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { output in
                    stream.pointee.nextIn = input.baseAddress
                    stream.pointee.availIn = UInt32(input.count)
                    stream.pointee.nextOut = output.baseAddress
                    stream.pointee.availOut = UInt32(output.count)
                    return library.deflate(stream, last ? 4 : 2)  // Z_FINISH, Z_SYNC_FLUSH
                }
            }
            guard status == (last ? 1 : 0), stream.pointee.availIn == 0, stream.pointee.availOut > 0 else { return nil }
            output.removeSubrange(Int(stream.pointee.totalOut)...)
            return output
        }
    }
}

/// zlib's `z_stream` (zlib.h), field for field; `deflateInit2_` refuses any other size.
private struct ZStream {
    var nextIn: UnsafePointer<UInt8>?
    var availIn: UInt32 = 0
    var totalIn: UInt = 0
    var nextOut: UnsafeMutablePointer<UInt8>?
    var availOut: UInt32 = 0
    var totalOut: UInt = 0
    var message: UnsafePointer<CChar>?
    var state: OpaquePointer?
    var allocate: OpaquePointer?
    var free: OpaquePointer?
    var opaque: UnsafeMutableRawPointer?
    var dataType: Int32 = 0
    var adler: UInt = 0
    var reserved: UInt = 0
}
