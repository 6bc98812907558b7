using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Reflection;

namespace Instrumentation.Thrift;

/// <summary>
/// The batch's <c>Process{1: serviceName, 2: tags}</c>, with the tags Jaeger clients add
/// (<c>jaeger.version</c>, <c>hostname</c>, <c>ip</c>, <c>client-uuid</c>) and the configured ones.
/// </summary>
internal static class JaegerProcessSerializer
{
    public static readonly string ClientVersion = "CSharp-" + ProductVersion();

    public static IReadOnlyList<KeyValuePair<string, string>> ProcessTags(TracerConfiguration config, string clientUuid)
    {
        var tags = new List<KeyValuePair<string, string>>
        {
            new("jaeger.version", ClientVersion),
            new("hostname", SafeHostName()),
            new("ip", LocalIPv4()),
            new("client-uuid", clientUuid),
        };
        foreach (var tag in config.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            tags.RemoveAll(t => t.Key == tag.Key);
            tags.Add(tag);
        }

        return tags;
    }

    public static void Write(IThriftWriter w, string serviceName, IReadOnlyList<KeyValuePair<string, string>> tags, TagValueWriter tagWriter)
    {
        w.StructBegin();
        w.Field(JaegerSchema.Process.ServiceName);
        w.String(serviceName, int.MaxValue);
        w.Field(JaegerSchema.Process.Tags);
        w.ListBegin(ThriftType.Struct, tags.Count);
        foreach (var tag in tags) tagWriter.WriteString(w, tag.Key, tag.Value);
        w.StructEnd();
    }

    private static string ProductVersion()
    {
        var assembly = typeof(JaegerProcessSerializer).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // Drop a "+commit" suffix that SourceLink-style builds append.
        var plus = informational?.IndexOf('+') ?? -1;
        return plus > 0 ? informational!.Substring(0, plus) : informational ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
    }

    private static string SafeHostName()
    {
        try
        {
            return Dns.GetHostName();
        }
        catch (Exception)
        {
            return "unknown";
        }
    }

    /// <summary>The first up, non-loopback IPv4 address, else 127.0.0.1 (as Jaeger clients report it).</summary>
    private static string LocalIPv4()
    {
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
                foreach (var address in nic.GetIPProperties().UnicastAddresses)
                {
                    if (address.Address.AddressFamily == AddressFamily.InterNetwork) return address.Address.ToString();
                }
            }
        }
        catch (Exception)
        {
            // Some sandboxes deny interface enumeration; the tag then says loopback.
        }

        return IPAddress.Loopback.ToString();
    }
}
