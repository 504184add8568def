using System.Buffers.Binary;
using System.Text;

namespace TcpLens.Reports.Ladder;

/// <summary>
/// What a segment's visible payload says, without reassembly: the TLS records that start in it
/// (ClientHello with its SNI, ServerHello, Change Cipher Spec, Application Data, Alert...) or an
/// HTTP/1 request or status line. A segment that continues an earlier record, or is cut by the
/// snap length, says what can be read.
/// </summary>
public static class PayloadNotes
{
    private static readonly string[] Methods = ["GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "TRACE "];

    /// <summary>A short description, or null when the payload is neither TLS records nor an HTTP/1 line.</summary>
    public static string? Describe(ReadOnlySpan<byte> payload)
    {
        return Tls(payload) ?? Http(payload);
    }

    private static string? Http(ReadOnlySpan<byte> p)
    {
        bool request = false;
        foreach (string m in Methods)
        {
            if (p.StartsWith(Encoding.ASCII.GetBytes(m)))
            {
                request = true;
                break;
            }
        }
        if (!request && !p.StartsWith("HTTP/1."u8))
        {
            return null;
        }
        int end = p.IndexOfAny((byte)'\r', (byte)'\n');
        ReadOnlySpan<byte> line = end >= 0 ? p[..end] : p;
        if (line.Length > 120)
        {
            line = line[..120];
        }
        foreach (byte b in line)
        {
            if (b < 0x20 || b > 0x7E)
            {
                return null;
            }
        }
        // a request line ends with the version: "GET /x HTTP/1.1" (unless the snap length cut it)
        if (request && end >= 0 && !(line.EndsWith(" HTTP/1.1"u8) || line.EndsWith(" HTTP/1.0"u8)))
        {
            return null;
        }
        return Encoding.ASCII.GetString(line) + (end < 0 ? " (cut)" : "");
    }

    private static string? Tls(ReadOnlySpan<byte> p)
    {
        var parts = new List<string>(2);
        int pos = 0;
        while (pos + 5 <= p.Length)
        {
            byte type = p[pos];
            if (type is < 20 or > 24 || p[pos + 1] != 3 || p[pos + 2] > 4)
            {
                break;
            }
            int length = BinaryPrimitives.ReadUInt16BigEndian(p[(pos + 3)..]);
            ReadOnlySpan<byte> body = p[(pos + 5)..Math.Min(p.Length, pos + 5 + length)];
            string name = type switch
            {
                20 => "Change Cipher Spec",
                21 => length == 2 && body.Length == 2 ? $"Alert (level {body[0]}, description {body[1]})" : "Encrypted Alert",
                22 => Handshake(body, length),
                23 => "Application Data",
                _ => "Heartbeat",
            };
            if (parts.Count == 0 || parts[^1] != name)
            {
                parts.Add(name);
            }
            pos += 5 + length;
        }
        return parts.Count == 0 ? null : "TLS " + string.Join(", ", parts);
    }

    private static string Handshake(ReadOnlySpan<byte> body, int length)
    {
        if (body.Length < 4 || BinaryPrimitives.ReadUInt32BigEndian(body) << 8 >> 8 is var declared && declared + 4 > length)
        {
            // after Change Cipher Spec the handshake (Finished) is encrypted
            return "Encrypted Handshake Message";
        }
        return body[0] switch
        {
            1 => ServerName(body) is { } sni ? $"ClientHello (SNI {sni})" : "ClientHello",
            2 => "ServerHello",
            4 => "NewSessionTicket",
            8 => "EncryptedExtensions",
            11 => "Certificate",
            12 => "ServerKeyExchange",
            13 => "CertificateRequest",
            14 => "ServerHelloDone",
            15 => "CertificateVerify",
            16 => "ClientKeyExchange",
            20 => "Finished",
            _ => "Encrypted Handshake Message",
        };
    }

    // ClientHello: type(1) length(3) version(2) random(32) session id, cipher suites,
    // compression methods, then extensions; server_name (0) holds a list of (type, name).
    private static string? ServerName(ReadOnlySpan<byte> hello)
    {
        int pos = 4 + 2 + 32;
        if (!Skip(hello, ref pos, 1) || !Skip(hello, ref pos, 2) || !Skip(hello, ref pos, 1) || pos + 2 > hello.Length)
        {
            return null;
        }
        int end = Math.Min(hello.Length, pos + 2 + BinaryPrimitives.ReadUInt16BigEndian(hello[pos..]));
        pos += 2;
        while (pos + 4 <= end)
        {
            int type = BinaryPrimitives.ReadUInt16BigEndian(hello[pos..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(hello[(pos + 2)..]);
            if (type == 0 && pos + 4 + 5 <= end)
            {
                int nameLength = BinaryPrimitives.ReadUInt16BigEndian(hello[(pos + 7)..]);
                int start = pos + 9;
                if (hello[pos + 6] == 0 && start + nameLength <= end)
                {
                    string name = Encoding.ASCII.GetString(hello.Slice(start, nameLength));
                    return name.All(c => c > 0x20 && c < 0x7F) ? name : null;
                }
                return null;
            }
            pos += 4 + length;
        }
        return null;
    }

    // skips a vector whose length takes `width` bytes
    private static bool Skip(ReadOnlySpan<byte> p, ref int pos, int width)
    {
        if (pos + width > p.Length)
        {
            return false;
        }
        int length = width == 1 ? p[pos] : BinaryPrimitives.ReadUInt16BigEndian(p[pos..]);
        pos += width + length;
        return pos <= p.Length;
    }
}
