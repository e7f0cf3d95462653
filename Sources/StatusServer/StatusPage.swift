import BridgeEngine
public import Foundation
import Mustache

/// The status page: server-rendered HTML that reads without JavaScript and refreshes itself.
///
/// The page is the Mustache template `Resources/status-page.mustache` (with its partials `owner`, `time` and
/// `style`) rendered over a ``StatusPageModel``. Mustache's `{{ }}` escapes HTML, so every value from the data (file
/// names, error messages, order numbers) arrives escaped; the templates never use `{{{ }}}`.
public enum StatusPage {
    /// An error in making the page: its templates are missing from the bundle or do not parse.
    public struct TemplateError: Error, CustomStringConvertible {
        /// What went wrong, naming the template.
        public var description: String
    }

    /// The page for `status`, as of `now` (the relative times, such as "3 min ago", are measured from it).
    /// - Throws: ``TemplateError`` when the bundled templates are missing or malformed.
    public static func render(_ status: SiteStatus, now: Date = Date()) throws -> String {
        let library = try library.get()
        guard let page = library.render(StatusPageModel(status, now: now), withTemplate: "status-page") else {
            throw TemplateError(description: "the status page template is not in the bundle")
        }
        return page
    }

    /// The templates, read once from the bundle.
    private static let library: Result<MustacheLibrary, TemplateError> = Result {
        () throws(TemplateError) -> MustacheLibrary in
        var library = MustacheLibrary()
        for name in ["status-page", "owner", "time", "style"] {
            let url = Bundle.module.bundleURL.appendingPathComponent("Resources/\(name).mustache")
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw TemplateError(description: "the status page template \(name).mustache is missing at \(url.path)")
            }
            do {
                try library.register(String(decoding: data, as: UTF8.self), named: name)
            } catch {
                throw TemplateError(description: "the status page template \(name).mustache does not parse: \(error)")
            }
        }
        return library
    }
}
