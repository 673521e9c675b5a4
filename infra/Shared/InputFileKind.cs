namespace EdgeIam.Shared;

/// <summary>What a path names, after following symbolic links (what <c>stat(2)</c> says).</summary>
internal enum InputFileKind
{
    /// <summary>Nothing: no such file (or a parent folder is missing).</summary>
    Missing,

    /// <summary>A regular file: the only kind the CLI reads.</summary>
    Regular,

    Directory,

    /// <summary>A named pipe: opening it for reading blocks until a writer appears, possibly forever.</summary>
    Fifo,

    Socket,

    /// <summary>A character device such as <c>/dev/zero</c>: reading it may never end.</summary>
    CharacterDevice,

    BlockDevice,

    /// <summary>A symbolic link whose target does not exist, or a loop of links.</summary>
    BrokenLink,

    /// <summary>Something the probe could not classify, or could not examine (no permission on a parent folder).</summary>
    Unknown,
}
