using EdgeIam.Shared;

namespace EdgeIam.Pki;

/// <summary>
/// Serialises changes to a CA folder's state (revocations, CRL number): two `pki revoke` runs at once would otherwise
/// each rewrite the database with only their own new line.
/// </summary>
public static class CaFolderLock
{
    public const string FileName = ".edgeiam-ca.lock";

    public static IDisposable Acquire(string caDir) =>
        ProcessLock.TryAcquire(Path.Combine(caDir, FileName), create: true, deleteOnRelease: true)
        ?? throw new PkiInputException($"another edgeiam process is changing the CA folder {caDir} ({FileName} is locked); retry when it has finished");
}
