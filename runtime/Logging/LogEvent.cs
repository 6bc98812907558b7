using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Logging;

/// <summary>
/// The span event for one log record: named after the message template (or the event name), with
/// fields <c>level</c>, <c>message</c>, the record's structured values and the exception's
/// <c>exception.type</c>/<c>exception.message</c>/<c>exception.stacktrace</c>. In Jaeger the
/// name becomes the log's <c>event</c> field.
/// </summary>
internal static class LogEvent
{
    private const string OriginalFormat = "{OriginalFormat}";

    public static ActivityEvent Create<TState>(LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var timestamp = DateTimeOffset.UtcNow;
        var fields = new ActivityTagsCollection
        {
            ["level"] = level.ToString(),
            ["message"] = formatter(state, exception),
        };

        string? template = null;
        if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            for (var i = 0; i < values.Count; i++)
            {
                var (key, value) = (values[i].Key, values[i].Value);
                if (key == OriginalFormat) template = value as string;
                else if (value is not null && key is not ("level" or "message")) fields[key] = Field(value);
            }
        }

        if (exception is not null)
        {
            fields["exception.type"] = exception.GetType().FullName;
            fields["exception.message"] = exception.Message;
            fields["exception.stacktrace"] = exception.ToString();
        }

        return new ActivityEvent(template ?? eventId.Name ?? "log", timestamp, fields);
    }

    /// <summary>
    /// Numbers, bools, strings and arrays keep their type (Jaeger LONG/DOUBLE/BOOL/STRING); anything
    /// else is formatted now, so the span holds no reference to a user object that may change later.
    /// </summary>
    private static object Field(object value) => value switch
    {
        string or bool or int or long or short or sbyte or byte or ushort or uint or ulong or double or float or decimal => value,
        Array array => array.Clone(), // a pooled buffer may be reused before the span is sent
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
