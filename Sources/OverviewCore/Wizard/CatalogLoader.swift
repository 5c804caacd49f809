import Foundation

/// A catalog parsed once, on first use or ahead of it on another thread.
///
/// Parsing the sixteen built-in sections (YAML and Mustache) takes longer than
/// drawing the wizard's first screen, which needs none of them: the wizard
/// draws first and parses meanwhile.
public final class CatalogLoader: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: Catalog?
    private let load: @Sendable () -> Catalog

    /// A catalog already loaded.
    public init(_ catalog: Catalog) {
        loaded = catalog
        load = { catalog }
    }

    /// A catalog `load` parses when first needed. `load` must not fail: load
    /// anything that can (a user's `--sections`) up front instead.
    public init(lazy load: @escaping @Sendable () -> Catalog) {
        self.load = load
    }

    public var catalog: Catalog {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        let catalog = load()
        loaded = catalog
        return catalog
    }

    /// Starts parsing on another thread, so it is ready when first needed;
    /// and decodes or builds there the details sections have not yet (read
    /// back from the cache, or compiled in), so that no key waits for a
    /// thousand of them at once.
    public func prefetch() {
        Thread.detachNewThread { [self] in
            for section in catalog.sections { section.decodeDetails() }
        }
    }
}
