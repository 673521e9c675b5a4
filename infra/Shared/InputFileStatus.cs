namespace EdgeIam.Shared;

/// <summary>
/// What a path names (<see cref="Kind"/>), its size in bytes for a regular file, the link target when the path itself
/// is a symbolic link, and the system's explanation when the path could not be examined.
/// </summary>
internal sealed record InputFileStatus(InputFileKind Kind, long Size, string? LinkTarget, string? SystemMessage);
