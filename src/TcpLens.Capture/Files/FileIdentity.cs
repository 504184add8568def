using System.Runtime.InteropServices;

namespace TcpLens.Capture.Files;

/// <summary>What kind of file a path names.</summary>
public enum FileKind
{
    /// <summary>Nothing there.</summary>
    Missing,
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A folder.</summary>
    Directory,
    /// <summary>A named pipe (FIFO), as <c>mkfifo</c> or a shell's <c>&lt;(...)</c> makes.</summary>
    Pipe,
    /// <summary>A character or block device (/dev/null, /dev/full, a terminal) or a socket.</summary>
    Device,
}

/// <summary>
/// A file as the kernel knows it: its device and inode (the same for every name and link of one
/// file), its kind, size and modification time. Comparing identities, not paths, tells that an
/// output is an input reached through a link. On Linux from statx(2) (whose layout is the same on
/// every architecture); elsewhere from the runtime's file information (no inode: paths compare).
/// </summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode, FileKind Kind, long Size, long ModifiedNs)
{
    /// <summary>True when both name the same file (same device and inode).</summary>
    public bool SameFileAs(FileIdentity other) => Inode != 0 && Device == other.Device && Inode == other.Inode;

    /// <summary>The identity of the file <paramref name="path"/> names, following links; Missing when there is none.</summary>
    public static FileIdentity Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsLinux() && TryStatx(path, out FileIdentity id))
        {
            return id;
        }
        var info = new FileInfo(path);
        if (System.IO.Directory.Exists(path))
        {
            return new FileIdentity(0, 0, FileKind.Directory, 0, 0);
        }
        return info.Exists
            ? new FileIdentity(0, 0, FileKind.Regular, info.Length, (info.LastWriteTimeUtc.Ticks - DateTime.UnixEpoch.Ticks) * 100)
            : default;
    }

    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x07ff;

    // struct statx (linux/stat.h): fixed layout on every architecture, 256 bytes
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct Statx
    {
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(112)] public long MtimeSeconds;
        [FieldOffset(120)] public uint MtimeNanoseconds;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;
    }

    [DllImport("libc", SetLastError = true, EntryPoint = "statx")]
    private static extern int StatxCall(int dirfd, byte[] path, int flags, uint mask, out Statx buffer);

    private static bool TryStatx(string path, out FileIdentity id)
    {
        id = default;
        try
        {
            byte[] name = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1]; // NUL-terminated
            System.Text.Encoding.UTF8.GetBytes(path, name);
            if (StatxCall(AtFdCwd, name, 0, StatxBasicStats, out Statx s) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                return errno is 2 or 20; // ENOENT, ENOTDIR: nothing there (id stays Missing)
            }
            FileKind kind = (s.Mode & 0xF000) switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                0x1000 => FileKind.Pipe,
                _ => FileKind.Device,
            };
            id = new FileIdentity(((ulong)s.DevMajor << 32) | s.DevMinor, s.Inode, kind, (long)s.Size, s.MtimeSeconds * 1_000_000_000 + s.MtimeNanoseconds);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // an old C library without statx: the runtime's information instead
        }
    }
}
