using System.Collections.Generic;
using System.Linq;

namespace Instrumentation.Sampling.Remote;

/// <summary>
/// Reads the sampling endpoint's answer (<c>GET /sampling?service=NAME</c>, as the Jaeger agent and
/// collector serve it) into a strategy, the way jaeger-client-go chooses: <c>operationSampling</c>
/// when present, else <c>probabilisticSampling</c>, else <c>rateLimitingSampling</c>. Both spellings
/// of <c>strategyType</c> are accepted (names, or the Thrift enum's numbers 0 and 1). Anything else
/// is refused with a reason.
/// </summary>
internal static class StrategyParser
{
    public static SamplingStrategy? Parse(string json, int maxOperations, out string? error)
    {
        if (!JsonReader.TryRead(json, out var value, out error)) return null;
        if (value is not Dictionary<string, object?> root)
        {
            error = "the answer is not a JSON object";
            return null;
        }

        if (Object(root, "operationSampling") is { } perOperation) return PerOperation(perOperation, maxOperations, out error);
        if (Object(root, "probabilisticSampling") is { } probabilistic)
        {
            return Rate(probabilistic, "probabilisticSampling.samplingRate", out var rate, out error) ? new ProbabilisticStrategy(rate) : null;
        }

        if (Object(root, "rateLimitingSampling") is { } limiting)
        {
            // Go's JSON encoder (the OpenTelemetry Collector's jaegerremotesampling) leaves zero values out: missing is 0.
            var max = limiting.ContainsKey("maxTracesPerSecond") ? Number(limiting, "maxTracesPerSecond") : 0;
            if (max is not { } limit || limit < 0 || double.IsInfinity(limit) || double.IsNaN(limit))
            {
                error = "rateLimitingSampling.maxTracesPerSecond is not a number of 0 or more";
                return null;
            }

            return new RateLimitingStrategy(limit);
        }

        error = $"no probabilisticSampling, rateLimitingSampling or operationSampling (strategyType {Describe(root.TryGetValue("strategyType", out var type) ? type : null)})";
        return null;
    }

    private static SamplingStrategy? PerOperation(Dictionary<string, object?> sampling, int maxOperations, out string? error)
    {
        if (!Rate(sampling, "operationSampling.defaultSamplingProbability", out var defaultRate, out error, key: "defaultSamplingProbability")) return null;
        var lowerBound = Number(sampling, "defaultLowerBoundTracesPerSecond") ?? 0;
        if (lowerBound < 0 || double.IsNaN(lowerBound) || double.IsInfinity(lowerBound))
        {
            error = "operationSampling.defaultLowerBoundTracesPerSecond is not a number of 0 or more";
            return null;
        }

        var rates = new List<KeyValuePair<string, double>>();
        if (sampling.TryGetValue("perOperationStrategies", out var listed) && listed is List<object?> list)
        {
            foreach (var item in list.OfType<Dictionary<string, object?>>())
            {
                if (item.TryGetValue("operation", out var name) && name is string operation
                    && Object(item, "probabilisticSampling") is { } probabilistic
                    && Rate(probabilistic, $"the rate of operation '{operation}'", out var rate, out error))
                {
                    rates.Add(new KeyValuePair<string, double>(operation, rate));
                }
                else if (error is not null)
                {
                    return null;
                }
            }
        }

        error = null;
        return new PerOperationStrategy(defaultRate, lowerBound, rates, maxOperations);
    }

    private static bool Rate(Dictionary<string, object?> parent, string what, out double rate, out string? error, string key = "samplingRate")
    {
        // Left out by Go's JSON encoder when zero (omitempty), as jaeger-client-go reads it.
        var value = parent.ContainsKey(key) ? Number(parent, key) : 0;
        if (value is >= 0 and <= 1)
        {
            rate = value.Value;
            error = null;
            return true;
        }

        rate = 0;
        error = $"{what} is not a fraction from 0 to 1";
        return false;
    }

    private static Dictionary<string, object?>? Object(Dictionary<string, object?> parent, string key) =>
        parent.TryGetValue(key, out var value) ? value as Dictionary<string, object?> : null;

    private static double? Number(Dictionary<string, object?> parent, string key) =>
        parent.TryGetValue(key, out var value) && value is double number ? number : null;

    private static string Describe(object? value) => value switch
    {
        null => "missing",
        string s => $"'{s}'",
        _ => System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };
}
