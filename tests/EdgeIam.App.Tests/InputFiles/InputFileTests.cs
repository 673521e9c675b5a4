using EdgeIam.Shared;

namespace EdgeIam.App.Tests.InputFiles;

/// <summary>
/// The input-file guard (infra/Shared, compiled into every assembly that reads files): only a regular file under its
/// kind's cap is read, and a FIFO or device is refused before it is opened.
/// </summary>
public sealed class InputFileTests : IDisposable
{
    private static readonly InputFileLimit Small = new("test file", 16);
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(10);

    private readonly SpecialFiles _files = new();

    [Fact]
    public void AFifoIsRefusedWithoutBeingOpened()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fifo = _files.Fifo();

        // Opening a FIFO for reading with no writer blocks forever: the guard must return long before the timeout.
        var error = WithinTime.Run(() => Assert.Throws<InputFileException>(() => InputFile.ReadAllText(fifo, InputFileLimit.StackInput)), AtOnce, "reading a FIFO");
        Assert.Equal($"'{fifo}' is a FIFO (named pipe), not a regular file; it was not opened, since reading it can block forever", error.Message);
    }

    [Fact]
    public void ALinkToDevZeroIsRefusedAtOnceNamingTheTarget()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var link = _files.LinkToDevZero();

        var error = WithinTime.Run(() => Assert.Throws<InputFileException>(() => InputFile.ReadAllBytes(link, InputFileLimit.Template)), AtOnce, "reading /dev/zero");
        Assert.Equal($"'{link}' is a character device (a symbolic link to '/dev/zero'), not a regular file; it was not read", error.Message);
    }

    [Fact]
    public void ADirectoryIsADirectoryNotAMissingFile()
    {
        var folder = _files.Folder();

        Assert.True(InputFile.Exists(folder));
        var error = Assert.Throws<InputFileException>(() => InputFile.ReadAllText(folder, InputFileLimit.StackInput));
        Assert.Equal($"'{folder}' is a directory, not a file", error.Message);
    }

    [Fact]
    public void AMissingFileDoesNotExist()
    {
        var missing = Path.Combine(_files.Root, "nothing-here.crt");

        Assert.False(InputFile.Exists(missing));
        Assert.Equal($"'{missing}' does not exist", Assert.Throws<InputFileException>(() => InputFile.ReadAllText(missing, Small)).Message);
    }

    [Fact]
    public void ABrokenLinkExistsButCannotBeFollowed()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var target = Path.Combine(_files.Root, "gone.crt");
        var link = _files.Link("dangling.crt", target);

        Assert.True(InputFile.Exists(link));
        var error = Assert.Throws<InputFileException>(() => InputFile.ReadAllText(link, Small));
        Assert.StartsWith($"'{link}' is a symbolic link to '{target}' that cannot be followed (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALinkToARegularFileIsFollowed()
    {
        var target = _files.Regular("real.crt", "pem");
        var link = _files.Link("alias.crt", target);

        Assert.Equal("pem", InputFile.ReadAllText(link, Small));
    }

    [Fact]
    public void AFileAtTheCapIsReadAndOneByteMoreIsRefusedNamingSizeAndCap()
    {
        var atCap = _files.Regular("at-cap", new byte[16]);
        var over = _files.Regular("over-cap", new byte[17]);

        Assert.Equal(16, InputFile.ReadAllBytes(atCap, Small).Length);
        var error = Assert.Throws<InputFileException>(() => InputFile.ReadAllBytes(over, Small));
        Assert.Equal($"'{over}' is 17 bytes; a test file may be at most 16 bytes (16 bytes): check the path", error.Message);
    }

    [Fact]
    public void TheStackInputCapIsOneMebibyte()
    {
        var big = _files.Regular("huge.yaml", new byte[(1024 * 1024) + 1]);

        var error = Assert.Throws<InputFileException>(() => InputFile.ReadAllText(big, InputFileLimit.StackInput));
        Assert.Contains("a stack file, certificate, CRL or boundary document may be at most 1 MiB (1048576 bytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8IsAnErrorWithTheByteOffsetNotAReplacementCharacter()
    {
        var bad = _files.Regular("bad.yaml", [(byte)'a', (byte)':', (byte)' ', 0xC3, 0x28]);

        var error = Assert.Throws<InputFileException>(() => InputFile.ReadAllText(bad, Small));
        Assert.Equal($"'{bad}' is not valid UTF-8 (at byte 3); save it as UTF-8", error.Message);
    }

    [Fact]
    public void AUtf8ByteOrderMarkIsDroppedAndUtf16IsRefused()
    {
        var bom = _files.Regular("bom.yaml", [0xEF, 0xBB, 0xBF, (byte)'a']);
        var utf16 = _files.Regular("utf16.yaml", [0xFF, 0xFE, (byte)'a', 0]);

        Assert.Equal("a", InputFile.ReadAllText(bom, Small));
        Assert.Contains("is UTF-16", Assert.Throws<InputFileException>(() => InputFile.ReadAllText(utf16, Small)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASocketIsRefused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Combine(_files.Root, "sock");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));

        Assert.Equal($"'{path}' is a socket, not a regular file", Assert.Throws<InputFileException>(() => InputFile.ReadAllBytes(path, Small)).Message);
    }

    public void Dispose() => _files.Dispose();
}
