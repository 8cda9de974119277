import Foundation

/// Paints a ``ChartScene`` with cairo, and its labels with pango, as librsvg would paint the
/// same SVG: the same libraries, fonts, font options and SVG defaults (strokes mitred at 4,
/// butt ends, fills non-zero), at a twentieth of the time.
///
/// The difference is the text. librsvg 2.54 turns every glyph into a path, measures the
/// path's extents by tessellating it and then fills it: about 25 µs a glyph, so 35 ms for
/// a journey map's 1,100 letters. pango draws the same glyphs from cairo's glyph cache,
/// laid out by the same pango calls librsvg makes (resolution 72, no hinting, glyph
/// positions not rounded), in about 1 µs.
enum CairoPainter {
    /// A pattern tile drawn larger than this many pixels a side is left to librsvg.
    static let largestTile = 4_096.0

    /// `scene` painted into a new transparent surface of `width` x `height` pixels, scaled to
    /// fit and centred (SVG's `xMidYMid meet`); nil, with nothing drawn, when a pattern tile
    /// would be larger than ``largestTile`` at that scale.
    static func paint(_ scene: ChartScene, width: Int32, height: Int32, with library: NativeLibraries) throws(SVGRasterizer.Error) -> NativeLibraries.Picture? {
        let scale = min(Double(width) / scene.width, Double(height) / scene.height)
        guard scene.tiles.allSatisfy({ $0.width * scale <= largestTile && $0.height * scale <= largestTile }) else { return nil }
        let native = library.painting
        NativeLibraries.drawing.lock()
        defer { NativeLibraries.drawing.unlock() }
        guard let surface = library.imageSurfaceCreate(NativeLibraries.argb32, width, height) else {
            throw .unreadable("cairo could not make a picture of \(width) x \(height) pixels")
        }
        guard library.surfaceStatus(surface) == 0 else {
            library.surfaceDestroy(surface)
            throw .unreadable("cairo could not make a picture of \(width) x \(height) pixels")
        }
        let context = library.create(surface)
        defer { library.destroy(context) }
        native.translate(context, (Double(width) - scene.width * scale) / 2, (Double(height) - scene.height * scale) / 2)
        native.scale(context, scale, scale)
        native.setMiterLimit(context, 4)
        var painter = Painter(native: native, library: library, context: context, scale: scale, fontFamily: scene.fontFamily)
        defer { painter.release() }
        for mark in scene.marks {
            switch mark {
            case .shape(let shape): painter.paint(shape)
            case .label(let label): painter.paint(label)
            }
        }
        library.surfaceFlush(surface)
        return NativeLibraries.Picture(surface: surface)
    }

    /// One picture's cairo context, its pango context and the tiles made for it.
    private struct Painter {
        let native: Functions
        let library: NativeLibraries
        let context: UnsafeMutableRawPointer?
        /// Device pixels to a unit of the picture.
        let scale: Double
        let fontFamily: String
        private var pango: UnsafeMutableRawPointer?
        private var fontOptions: UnsafeMutableRawPointer?
        /// Each tile's pattern by the tile's id, and its surface; a nil pattern for a tile
        /// too small to draw, which fills with nothing, as in librsvg.
        private var tiles: [String: (surface: UnsafeMutableRawPointer?, pattern: UnsafeMutableRawPointer?)] = [:]

        init(native: Functions, library: NativeLibraries, context: UnsafeMutableRawPointer?, scale: Double, fontFamily: String) {
            self.native = native
            self.library = library
            self.context = context
            self.scale = scale
            self.fontFamily = fontFamily
        }

        mutating func release() {
            for tile in tiles.values {
                if let pattern = tile.pattern { native.patternDestroy(pattern) }
                if let surface = tile.surface { library.surfaceDestroy(surface) }
            }
            if let pango { library.objectUnref(pango) }
            if let fontOptions { native.fontOptionsDestroy(fontOptions) }
        }

        mutating func paint(_ shape: ChartScene.Shape) {
            paint(shape, on: context)
        }

        private mutating func paint(_ shape: ChartScene.Shape, on context: UnsafeMutableRawPointer?) {
            guard trace(shape.outline, on: context) else { return }
            if let fill = shape.fill, setSource(fill, on: context) {
                if shape.stroke == nil { native.fill(context) } else { native.fillPreserve(context) }
            }
            guard let stroke = shape.stroke, setSource(stroke.paint, on: context) else { return native.newPath(context) }
            native.setLineWidth(context, stroke.width)
            stroke.dashes.withUnsafeBufferPointer { native.setDash(context, $0.baseAddress, Int32($0.count), 0) }
            native.stroke(context)
            native.setDash(context, nil, 0, 0)
        }

        /// The outline as cairo's current path; false when SVG draws nothing for it (a
        /// rectangle or circle of no size).
        private func trace(_ outline: ChartScene.Outline, on context: UnsafeMutableRawPointer?) -> Bool {
            native.newPath(context)
            switch outline {
            case .path(let segments):
                for segment in segments {
                    switch segment {
                    case .move(let x, let y): native.moveTo(context, x, y)
                    case .line(let x, let y): native.lineTo(context, x, y)
                    case .close: native.closePath(context)
                    }
                }
            case .rectangle(let x, let y, let width, let height, let radius):
                guard width > 0, height > 0 else { return false }
                guard radius > 0 else {
                    native.rectangle(context, x, y, width, height)
                    return true
                }
                // From the top edge's start, clockwise, as librsvg draws it: dashes fall alike.
                let quarter = Double.pi / 2
                native.moveTo(context, x + radius, y)
                native.arc(context, x + width - radius, y + radius, radius, -quarter, 0)
                native.arc(context, x + width - radius, y + height - radius, radius, 0, quarter)
                native.arc(context, x + radius, y + height - radius, radius, quarter, 2 * quarter)
                native.arc(context, x + radius, y + radius, radius, 2 * quarter, 3 * quarter)
                native.closePath(context)
            case .circle(let x, let y, let radius):
                guard radius > 0 else { return false }
                native.arc(context, x, y, radius, 0, 2 * Double.pi)
                native.closePath(context)
            }
            return true
        }

        /// Sets `paint` as the source; false when it paints nothing (a tile under a pixel).
        private mutating func setSource(_ paint: ChartScene.Paint, on context: UnsafeMutableRawPointer?) -> Bool {
            switch paint {
            case .colour(let colour):
                native.setSourceRGB(context, colour.red, colour.green, colour.blue)
                return true
            case .tile(let tile):
                guard let pattern = pattern(of: tile) else { return false }
                native.setSource(context, pattern)
                return true
            }
        }

        /// A repeating pattern of `tile`, drawn once at the device's resolution as librsvg
        /// draws one (whole pixels, rounded down; none under a pixel; the best filter).
        private mutating func pattern(of tile: ChartScene.Tile) -> UnsafeMutableRawPointer? {
            if let known = tiles[tile.id] { return known.pattern }
            let pixelWidth = Int32(tile.width * scale)
            let pixelHeight = Int32(tile.height * scale)
            guard pixelWidth >= 1, pixelHeight >= 1, let surface = library.imageSurfaceCreate(NativeLibraries.argb32, pixelWidth, pixelHeight) else {
                tiles[tile.id] = (nil, nil)
                return nil
            }
            let tileContext = library.create(surface)
            let (scaleX, scaleY) = (Double(pixelWidth) / tile.width, Double(pixelHeight) / tile.height)
            native.scale(tileContext, scaleX, scaleY)
            native.setMiterLimit(tileContext, 4)
            for shape in tile.shapes { paint(shape, on: tileContext) }
            library.destroy(tileContext)
            library.surfaceFlush(surface)
            let pattern = native.patternCreateForSurface(surface)
            native.patternSetExtend(pattern, 1)  // CAIRO_EXTEND_REPEAT
            native.patternSetFilter(pattern, 2)  // CAIRO_FILTER_BEST
            // From the picture's units to the tile's pixels; cairo_matrix_t is xx, yx, xy, yy, x0, y0.
            [scaleX, 0, 0, scaleY, 0, 0].withUnsafeBufferPointer { native.patternSetMatrix(pattern, $0.baseAddress) }
            tiles[tile.id] = (surface, pattern)
            return pattern
        }

        mutating func paint(_ label: ChartScene.Label) {
            guard !label.text.isEmpty else { return }
            let layout = native.layoutNew(pangoContext())
            defer { library.objectUnref(layout) }
            let font = native.fontDescriptionNew()
            defer { native.fontDescriptionFree(font) }
            native.fontDescriptionSetFamily(font, fontFamily)
            native.fontDescriptionSetWeight(font, label.bold ? 700 : 400)
            native.fontDescriptionSetStyle(font, label.italic ? 2 : 0)  // PANGO_STYLE_ITALIC, _NORMAL
            native.fontDescriptionSetSize(font, Int32((label.size * 1024).rounded()))  // PANGO_SCALE
            native.layoutSetFontDescription(layout, font)
            native.layoutSetAutoDir(layout, 0)
            native.layoutSetText(layout, label.text, -1)
            var logical = [Int32](repeating: 0, count: 4)  // PangoRectangle: x, y, width, height
            logical.withUnsafeMutableBufferPointer { native.layoutGetExtents(layout, nil, $0.baseAddress) }
            let advance = Double(logical[2]) / 1024
            let baseline = Double(native.layoutGetBaseline(layout)) / 1024
            let start = switch label.anchor {
            case .start: label.x
            case .middle: label.x - advance / 2
            case .end: label.x - advance
            }
            native.save(context)
            defer { native.restore(context) }
            if label.rotation != 0 {
                native.translate(context, label.x, label.y)
                native.rotate(context, label.rotation * Double.pi / 180)
                native.translate(context, -label.x, -label.y)
            }
            if let halo = label.halo {
                native.newPath(context)
                native.moveTo(context, start, label.y - baseline)
                native.layoutPath(context, layout)
                native.setSourceRGB(context, halo.colour.red, halo.colour.green, halo.colour.blue)
                native.setLineWidth(context, halo.width)
                native.stroke(context)
            }
            native.newPath(context)
            native.moveTo(context, start, label.y - baseline)
            native.setSourceRGB(context, label.fill.red, label.fill.green, label.fill.blue)
            native.showLayout(context, layout)
        }

        /// The pango context of the picture, set up as librsvg sets up its own.
        private mutating func pangoContext() -> UnsafeMutableRawPointer? {
            if let pango { return pango }
            let created = native.createContext(context)
            // Sizes are given in the picture's units: 72 makes pango's points those units.
            native.contextSetResolution(created, 72)
            let options = native.fontOptionsCreate()
            native.fontOptionsSetHintStyle(options, 1)  // CAIRO_HINT_STYLE_NONE
            native.fontOptionsSetHintMetrics(options, 1)  // CAIRO_HINT_METRICS_OFF
            // Grey edges as librsvg's filled outlines have, never fontconfig's coloured subpixels.
            native.fontOptionsSetAntialias(options, 2)  // CAIRO_ANTIALIAS_GRAY
            native.contextSetFontOptions(created, options)
            native.contextSetRoundGlyphPositions(created, 0)
            // Left to right whatever the first letter, as librsvg lays out a label.
            native.contextSetBaseDirection(created, 0)  // PANGO_DIRECTION_LTR
            pango = created
            fontOptions = options
            return created
        }
    }

    /// The cairo, pango and pangocairo functions the painter calls, from their stable C
    /// interfaces (cairo.h, pango-layout.h, pango-font.h, pangocairo.h).
    struct Functions {
        typealias Pointer = UnsafeMutableRawPointer?
        typealias Act = @convention(c) (Pointer) -> Void
        typealias TwoDoubles = @convention(c) (Pointer, Double, Double) -> Void
        typealias OneDouble = @convention(c) (Pointer, Double) -> Void
        typealias SetInteger = @convention(c) (Pointer, Int32) -> Void
        typealias Make = @convention(c) (Pointer) -> Pointer

        let translate: TwoDoubles
        let scale: TwoDoubles
        let rotate: OneDouble
        let save: Act
        let restore: Act
        let newPath: Act
        let moveTo: TwoDoubles
        let lineTo: TwoDoubles
        let closePath: Act
        let rectangle: @convention(c) (Pointer, Double, Double, Double, Double) -> Void
        let arc: @convention(c) (Pointer, Double, Double, Double, Double, Double) -> Void
        let fill: Act
        let fillPreserve: Act
        let stroke: Act
        let setSourceRGB: @convention(c) (Pointer, Double, Double, Double) -> Void
        let setSource: @convention(c) (Pointer, Pointer) -> Void
        let setLineWidth: OneDouble
        let setMiterLimit: OneDouble
        let setDash: @convention(c) (Pointer, UnsafePointer<Double>?, Int32, Double) -> Void
        let patternCreateForSurface: Make
        let patternSetExtend: SetInteger
        let patternSetMatrix: @convention(c) (Pointer, UnsafePointer<Double>?) -> Void
        let patternSetFilter: SetInteger
        let patternDestroy: Act
        let fontOptionsCreate: @convention(c) () -> Pointer
        let fontOptionsSetHintStyle: SetInteger
        let fontOptionsSetHintMetrics: SetInteger
        let fontOptionsSetAntialias: SetInteger
        let fontOptionsDestroy: Act

        let createContext: Make
        let contextSetResolution: OneDouble
        let contextSetFontOptions: @convention(c) (Pointer, Pointer) -> Void
        let contextSetRoundGlyphPositions: SetInteger
        let contextSetBaseDirection: SetInteger
        let layoutNew: Make
        let layoutSetText: @convention(c) (Pointer, UnsafePointer<CChar>?, Int32) -> Void
        let layoutSetFontDescription: @convention(c) (Pointer, Pointer) -> Void
        let layoutSetAutoDir: SetInteger
        let layoutGetExtents: @convention(c) (Pointer, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?) -> Void
        let layoutGetBaseline: @convention(c) (Pointer) -> Int32
        let showLayout: @convention(c) (Pointer, Pointer) -> Void
        let layoutPath: @convention(c) (Pointer, Pointer) -> Void
        let fontDescriptionNew: @convention(c) () -> Pointer
        let fontDescriptionFree: Act
        let fontDescriptionSetFamily: @convention(c) (Pointer, UnsafePointer<CChar>?) -> Void
        let fontDescriptionSetWeight: SetInteger
        let fontDescriptionSetStyle: SetInteger
        let fontDescriptionSetSize: SetInteger

        init(cairo: UnsafeMutableRawPointer, pango: UnsafeMutableRawPointer, pangoCairo: UnsafeMutableRawPointer) throws(SVGRasterizer.Error) {
            func function<Function>(_ library: UnsafeMutableRawPointer, _ name: String, as type: Function.Type = Function.self) throws(SVGRasterizer.Error) -> Function {
                try NativeLibraries.function(library, name, as: type)
            }
            translate = try function(cairo, "cairo_translate")
            scale = try function(cairo, "cairo_scale")
            rotate = try function(cairo, "cairo_rotate")
            save = try function(cairo, "cairo_save")
            restore = try function(cairo, "cairo_restore")
            newPath = try function(cairo, "cairo_new_path")
            moveTo = try function(cairo, "cairo_move_to")
            lineTo = try function(cairo, "cairo_line_to")
            closePath = try function(cairo, "cairo_close_path")
            rectangle = try function(cairo, "cairo_rectangle")
            arc = try function(cairo, "cairo_arc")
            fill = try function(cairo, "cairo_fill")
            fillPreserve = try function(cairo, "cairo_fill_preserve")
            stroke = try function(cairo, "cairo_stroke")
            setSourceRGB = try function(cairo, "cairo_set_source_rgb")
            setSource = try function(cairo, "cairo_set_source")
            setLineWidth = try function(cairo, "cairo_set_line_width")
            setMiterLimit = try function(cairo, "cairo_set_miter_limit")
            setDash = try function(cairo, "cairo_set_dash")
            patternCreateForSurface = try function(cairo, "cairo_pattern_create_for_surface")
            patternSetExtend = try function(cairo, "cairo_pattern_set_extend")
            patternSetMatrix = try function(cairo, "cairo_pattern_set_matrix")
            patternSetFilter = try function(cairo, "cairo_pattern_set_filter")
            patternDestroy = try function(cairo, "cairo_pattern_destroy")
            fontOptionsCreate = try function(cairo, "cairo_font_options_create")
            fontOptionsSetHintStyle = try function(cairo, "cairo_font_options_set_hint_style")
            fontOptionsSetHintMetrics = try function(cairo, "cairo_font_options_set_hint_metrics")
            fontOptionsSetAntialias = try function(cairo, "cairo_font_options_set_antialias")
            fontOptionsDestroy = try function(cairo, "cairo_font_options_destroy")
            createContext = try function(pangoCairo, "pango_cairo_create_context")
            contextSetResolution = try function(pangoCairo, "pango_cairo_context_set_resolution")
            contextSetFontOptions = try function(pangoCairo, "pango_cairo_context_set_font_options")
            contextSetRoundGlyphPositions = try function(pango, "pango_context_set_round_glyph_positions")
            contextSetBaseDirection = try function(pango, "pango_context_set_base_dir")
            layoutNew = try function(pango, "pango_layout_new")
            layoutSetText = try function(pango, "pango_layout_set_text")
            layoutSetFontDescription = try function(pango, "pango_layout_set_font_description")
            layoutSetAutoDir = try function(pango, "pango_layout_set_auto_dir")
            layoutGetExtents = try function(pango, "pango_layout_get_extents")
            layoutGetBaseline = try function(pango, "pango_layout_get_baseline")
            showLayout = try function(pangoCairo, "pango_cairo_show_layout")
            layoutPath = try function(pangoCairo, "pango_cairo_layout_path")
            fontDescriptionNew = try function(pango, "pango_font_description_new")
            fontDescriptionFree = try function(pango, "pango_font_description_free")
            fontDescriptionSetFamily = try function(pango, "pango_font_description_set_family")
            fontDescriptionSetWeight = try function(pango, "pango_font_description_set_weight")
            fontDescriptionSetStyle = try function(pango, "pango_font_description_set_style")
            fontDescriptionSetSize = try function(pango, "pango_font_description_set_size")
        }
    }
}
