/// A failed object-store operation. Descriptions are safe to show to clients: they never contain
/// local file-system paths.
public enum ObjectStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path leads outside the store's root (through a symbolic link).
    case escapesRoot
    /// Nothing exists at the path.
    case notFound
    /// A directory was needed but the path (or one of its parents) is something else.
    case notADirectory
    /// A regular file was needed but the path is a directory or a special file.
    case notAFile
    /// The object is larger than the caller's limit.
    case tooLarge(limit: Int)
    /// Something already exists where a new object was to be created (`write(_:to:replacing: false)`).
    case alreadyExists
    /// A system call failed with `errno`.
    case io(operation: String, errno: Int32)
    /// A project name that cannot name a project's space (see `FileObjectStore.project(_:)`).
    case invalidProject

    public var description: String {
        switch self {
        case .escapesRoot: return "leads outside the object store"
        case .notFound: return "does not exist"
        case .notADirectory: return "is not a directory"
        case .notAFile: return "is not a file"
        case .tooLarge(let limit): return "is larger than \(limit) bytes"
        case .alreadyExists: return "already exists"
        case .io(let operation, let code): return "cannot be accessed (\(operation) failed, errno \(code))"
        case .invalidProject: return "does not belong to a valid project"
        }
    }
}

/// What a path names.
public enum ObjectKind: Sendable, Equatable {
    case file
    case directory
    /// A device, socket, FIFO, or a symbolic link leading outside the root.
    case other
}

/// One item of a directory listing.
public struct ObjectStoreEntry: Sendable, Equatable {
    /// The file name within the directory.
    public let name: String
    /// What it is; a link is reported as what it points to when that stays inside the root.
    public let kind: ObjectKind

    /// An entry named `name` of kind `kind`.
    public init(name: String, kind: ObjectKind) {
        self.name = name
        self.kind = kind
    }
}
