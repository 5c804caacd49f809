/// Sizes no real answers file or section file comes near. Beyond them input is
/// refused at once, before it is parsed: a file a thousand times larger than
/// any real one is a mistake or an attack, and parsing it would take minutes
/// and gigabytes. The README lists them.
public enum InputLimits {
    /// An answers file (or its draft). The built-in catalog fully answered is
    /// about 6 KB; a thousand custom sections answered, about 150 KB.
    public static let answersFileBytes = 1 << 20
    /// One section file. The largest built-in one is about 6 KB.
    public static let sectionFileBytes = 256 << 10
    /// Section files in a `--sections` folder.
    public static let sectionFiles = 5_000
    /// Any other file read whole (a page or security.txt compared by `check`).
    public static let otherFileBytes = 16 << 20
    /// One value in a YAML file (an answer, a label, a guidance text), in
    /// bytes of UTF-8.
    public static let valueBytes = 64 << 10
    /// Values, lists and maps in one YAML text (every key and value counts).
    public static let yamlNodes = 100_000
    /// Lists and maps inside each other in one YAML text.
    public static let yamlDepth = 32
    /// `{{#name}}` / `{{^name}}` blocks inside each other in a section template.
    public static let templateDepth = 24
}
