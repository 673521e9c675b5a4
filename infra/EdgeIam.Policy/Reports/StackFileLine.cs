namespace EdgeIam.Policy.Reports;

/// <summary>Where a stack-file entry is written: the file (as found on disk) and the 1-based line and column of its name.</summary>
internal readonly record struct StackFileLine(string File, int Line, int Column);
