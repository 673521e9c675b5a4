using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace EdgeIam.Shared;

/// <summary>
/// Tells what a path names without opening it. Opening a FIFO for reading blocks until a writer appears and a device
/// such as <c>/dev/zero</c> never ends, and .NET's public file APIs report both as ordinary files (a FIFO is
/// <see cref="FileAttributes.Normal"/> with length 0), so the type comes from <c>stat(2)</c>.
/// </summary>
/// <remarks>
/// On Unix the call goes to <c>SystemNative_Stat</c> in the .NET runtime's own native shim (libSystem.Native), the
/// function behind <see cref="File.Exists(string)"/>: unlike libc's <c>struct stat</c>, whose layout differs between
/// platforms and architectures, its result has one layout everywhere .NET runs (Flags, Mode, Uid, Gid, Size, ...)
/// and its mode bits are normalised to the constants below. Should a future runtime drop the function, the probe
/// falls back to public APIs and treats an empty non-directory as possibly special (refused), so it still fails
/// closed; the tests over a real FIFO and <c>/dev/zero</c> would show it.
/// </remarks>
internal static class FileStatusProbe
{
    // libSystem.Native's FileStatus: int32 Flags, int32 Mode, uint32 Uid, uint32 Gid, int64 Size, 8 x int64 times,
    // int64 Dev, RDev, Ino, uint32 UserFlags.
    private const int ModeOffset = 4;
    private const int SizeOffset = 16;
    private const int BufferSize = 512;

    // int64 Dev, RDev, Ino: what identifies a file.
    private const int IdentityOffset = 88;
    private const int IdentityLength = 24;

    // File type bits of Mode, as the shim defines them (src/native/libs/System.Native/pal_io.h).
    private const int TypeMask = 0xF000;
    private const int TypeFifo = 0x1000;
    private const int TypeCharacterDevice = 0x2000;
    private const int TypeDirectory = 0x4000;
    private const int TypeBlockDevice = 0x6000;
    private const int TypeRegular = 0x8000;
    private const int TypeSocket = 0xC000;

    // errno values shared by Linux and macOS.
    private const int NoSuchFile = 2;
    private const int NotADirectory = 20;

    private static bool s_nativeMissing;

    public static InputFileStatus Probe(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var linkTarget = LinkTargetOf(path);
        if (OperatingSystem.IsWindows() || s_nativeMissing)
        {
            return ProbeWithPublicApis(path, linkTarget);
        }

        try
        {
            return ProbeNative(path, linkTarget);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            s_nativeMissing = true;
            return ProbeWithPublicApis(path, linkTarget);
        }
    }

    /// <summary>
    /// Whether <paramref name="path"/> still names the file open as <paramref name="handle"/> (same device and inode).
    /// True where this cannot be told (Windows, where an open file cannot be deleted or replaced anyway).
    /// </summary>
    public static bool IsSameFile(SafeFileHandle handle, string path)
    {
        if (OperatingSystem.IsWindows() || s_nativeMissing)
        {
            return true;
        }

        try
        {
            var open = new byte[BufferSize];
            var named = new byte[BufferSize];
            return FStat(handle, open) == 0 && Stat(path, named) == 0
                && open.AsSpan(IdentityOffset, IdentityLength).SequenceEqual(named.AsSpan(IdentityOffset, IdentityLength));
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            s_nativeMissing = true;
            return true;
        }
    }

    private static InputFileStatus ProbeNative(string path, string? linkTarget)
    {
        var buffer = new byte[BufferSize];
        if (Stat(path, buffer) == 0)
        {
            var mode = BitConverter.ToInt32(buffer, ModeOffset);
            var size = BitConverter.ToInt64(buffer, SizeOffset);
            var kind = (mode & TypeMask) switch
            {
                TypeRegular => InputFileKind.Regular,
                TypeDirectory => InputFileKind.Directory,
                TypeFifo => InputFileKind.Fifo,
                TypeSocket => InputFileKind.Socket,
                TypeCharacterDevice => InputFileKind.CharacterDevice,
                TypeBlockDevice => InputFileKind.BlockDevice,
                _ => InputFileKind.Unknown,
            };
            return new InputFileStatus(kind, kind == InputFileKind.Regular ? size : 0, linkTarget, null);
        }

        var errno = Marshal.GetLastPInvokeError();
        var message = Marshal.GetPInvokeErrorMessage(errno);
        if (LStat(path, buffer) == 0)
        {
            // The path itself exists, so it is a link that cannot be followed: a missing target or a loop.
            return new InputFileStatus(InputFileKind.BrokenLink, 0, linkTarget, message);
        }

        return errno is NoSuchFile or NotADirectory
            ? new InputFileStatus(InputFileKind.Missing, 0, linkTarget, null)
            : new InputFileStatus(InputFileKind.Unknown, 0, linkTarget, message);
    }

    private static InputFileStatus ProbeWithPublicApis(string path, string? linkTarget)
    {
        try
        {
            if (Directory.Exists(path))
            {
                return new InputFileStatus(InputFileKind.Directory, 0, linkTarget, null);
            }

            var file = new FileInfo(path);
            if (!file.Exists)
            {
                return linkTarget is null
                    ? new InputFileStatus(InputFileKind.Missing, 0, null, null)
                    : new InputFileStatus(InputFileKind.BrokenLink, 0, linkTarget, null);
            }

            // A FIFO, socket or device has length 0 here; so has an empty file, which no caller needs to read.
            return file.Length > 0 || OperatingSystem.IsWindows()
                ? new InputFileStatus(InputFileKind.Regular, file.Length, linkTarget, null)
                : new InputFileStatus(InputFileKind.Unknown, 0, linkTarget, "empty, or a FIFO, socket or device");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new InputFileStatus(InputFileKind.Unknown, 0, linkTarget, ex.Message);
        }
    }

    private static string? LinkTargetOf(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] output);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
    private static extern int FStat(SafeFileHandle fd, byte[] output);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] output);
}
