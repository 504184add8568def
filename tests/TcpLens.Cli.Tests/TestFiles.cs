using System.Buffers.Binary;

namespace TcpLens.Cli.Tests;

/// <summary>Small captures written by the tests themselves, and paths to the project's and the shared corpora.</summary>
public static class TestFiles
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string TestData => Path.Combine(RepoRoot, "testdata");

    public static string? SharedCaptures
    {
        get
        {
            string dir = Environment.GetEnvironmentVariable("TCPLENS_SHARED_CAPTURES")
                ?? Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "captures"));
            return Directory.Exists(dir) ? dir : null;
        }
    }

    public const string NoShared = "the public capture corpus ../shared/captures is not present beside the repository";

    /// <summary>A fresh temporary directory for one test.</summary>
    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tcplens-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// A little-endian microsecond pcap of an Ethernet/IPv4/TCP handshake (SYN, SYN/ACK, ACK) from
    /// 10.0.0.1:40000 to 10.0.0.2:80, plus one ARP frame, at 1700000000.000001 + n ms.
    /// </summary>
    public static byte[] HandshakePcap()
    {
        using var ms = new MemoryStream();
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
        ms.Write(header);
        WriteRecord(ms, 0, Tcp(0x0A000001, 0x0A000002, 40000, 80, 1000, 0, 0x02));
        WriteRecord(ms, 1, Tcp(0x0A000002, 0x0A000001, 80, 40000, 5000, 1001, 0x12));
        WriteRecord(ms, 2, Arp());
        WriteRecord(ms, 3, Tcp(0x0A000001, 0x0A000002, 40000, 80, 1001, 5001, 0x10));
        return ms.ToArray();
    }

    private static void WriteRecord(Stream s, int n, byte[] frame)
    {
        Span<byte> rec = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(rec, 1_700_000_000);
        BinaryPrimitives.WriteUInt32LittleEndian(rec[4..], (uint)(1 + n * 1000));
        BinaryPrimitives.WriteUInt32LittleEndian(rec[8..], (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(rec[12..], (uint)frame.Length);
        s.Write(rec);
        s.Write(frame);
    }

    private static byte[] Tcp(uint src, uint dst, ushort sport, ushort dport, uint seq, uint ack, byte flags)
    {
        var f = new byte[14 + 20 + 20];
        f[12] = 0x08;
        Span<byte> ip = f.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], 40);
        ip[8] = 64;
        ip[9] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], src);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], dst);
        Span<byte> tcp = f.AsSpan(34);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sport);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], dport);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], ack);
        tcp[12] = 0x50;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 64240);
        return f;
    }

    private static byte[] Arp()
    {
        var f = new byte[42];
        f[12] = 0x08;
        f[13] = 0x06;
        return f;
    }

    private static string FindRepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "TcpLens.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }
        return dir ?? throw new InvalidOperationException("repository root not found");
    }
}
