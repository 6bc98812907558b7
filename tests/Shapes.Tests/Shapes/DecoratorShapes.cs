using System;
using System.Diagnostics;
using System.Reflection;
using System.Threading.Tasks;
using Instrumentation.Generated;
using Instrumentation.Shapes.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Instrumentation.Shapes.Tests.Shapes;

[Traced(Kind = ActivityKind.Server)]
public interface IWarehouse
{
    int Reserve(string sku, int count);

    Task<int> RestockAsync(string sku, TimeSpan delay);

    string Name { get; }
}

public sealed class Warehouse : IWarehouse, IDisposable
{
    public bool Disposed { get; private set; }

    public string Name => "main";

    public int Reserve(string sku, int count) => sku.Length + count;

    public async Task<int> RestockAsync(string sku, TimeSpan delay)
    {
        // At least the delay on a precise clock (a bare Task.Delay may end a timer tick early); none at all for zero.
        await (delay > TimeSpan.Zero ? Pause.AtLeast((int)Math.Ceiling(delay.TotalMilliseconds)) : Task.CompletedTask);
        return sku.Length;
    }

    public void Dispose() => Disposed = true;
}

/// <summary>
/// Calls that no interceptor sees (here: reflection, as a framework would call) get their span from
/// the decorator that <c>AddTracedDecorators</c> registers; intercepted calls still get exactly one.
/// </summary>
public sealed class DecoratorShapeTests
{
    private static readonly MethodInfo Reserve = typeof(IWarehouse).GetMethod(nameof(IWarehouse.Reserve))!;
    private static readonly MethodInfo RestockAsync = typeof(IWarehouse).GetMethod(nameof(IWarehouse.RestockAsync))!;

    [Fact]
    public void Call_from_outside_the_intercepted_code_gets_one_span_from_the_decorator()
    {
        using var capture = SpanCapture.Start();
        using var provider = new ServiceCollection().AddSingleton<IWarehouse, Warehouse>().AddTracedDecorators().BuildServiceProvider();
        var inventory = provider.GetRequiredService<IWarehouse>();

        Assert.Equal(3, Reserve.Invoke(inventory, ["ab", 1]));

        Assert.IsType<IWarehouseTracedDecorator>(inventory);
        Assert.Equal(["IWarehouse.Reserve"], capture.Names);
        Expect.ChildOf(capture.Root, capture.Single("IWarehouse.Reserve"), ActivityKind.Server);
        Assert.Equal("main", inventory.Name); // properties are forwarded, without a span
        Assert.Single(capture.Spans);
    }

    [Fact]
    public async Task Async_member_span_ends_when_the_task_completes()
    {
        using var capture = SpanCapture.Start();
        using var provider = new ServiceCollection().AddScoped<IWarehouse, Warehouse>().AddTracedDecorators().BuildServiceProvider();
        using var scope = provider.CreateScope();
        var inventory = scope.ServiceProvider.GetRequiredService<IWarehouse>();
        var delay = TimeSpan.FromMilliseconds(100);

        var task = (Task<int>)RestockAsync.Invoke(inventory, ["abc", delay])!;
        Assert.Empty(capture.Spans); // still running: the call has returned, the span has not ended
        Assert.Equal(3, await task);

        var span = capture.Ended("IWarehouse.RestockAsync");
        Expect.ChildOf(capture.Root, span, ActivityKind.Server);
        Assert.True(span.Duration >= delay - TimeSpan.FromMilliseconds(5), $"the span lasted {span.Duration}, the awaited delay {delay}");
        Assert.Single(capture.Spans);
    }

    [Fact]
    public async Task Intercepted_call_through_a_decorator_gets_one_span_not_two()
    {
        using var capture = SpanCapture.Start();
        using var provider = new ServiceCollection().AddTransient<IWarehouse>(_ => new Warehouse()).AddTracedDecorators().BuildServiceProvider();
        var inventory = provider.GetRequiredService<IWarehouse>();

        Assert.Equal(4, inventory.Reserve("abc", 1)); // intercepted here
        Assert.Equal(1, await inventory.RestockAsync("a", TimeSpan.Zero));

        Assert.Equal(["IWarehouse.Reserve", "IWarehouse.RestockAsync"], capture.Names);

        // The handoff is used up: the next call that no interceptor sees is traced by the decorator again.
        Reserve.Invoke(inventory, ["a", 1]);
        Assert.Equal(["IWarehouse.Reserve", "IWarehouse.RestockAsync", "IWarehouse.Reserve"], capture.Names);
    }

    [Fact]
    public void Registrations_keep_lifetime_order_and_disposal_and_are_wrapped_once()
    {
        var instance = new Warehouse();
        var services = new ServiceCollection()
            .AddSingleton<IWarehouse>(instance)
            .AddScoped<IWarehouse, Warehouse>()
            .AddTracedDecorators()
            .AddTracedDecorators();

        Warehouse scoped;
        using (var provider = services.BuildServiceProvider())
        {
            using (var scope = provider.CreateScope())
            {
                var all = scope.ServiceProvider.GetServices<IWarehouse>();
                Assert.Equal(2, System.Linq.Enumerable.Count(all));
                var first = Assert.IsType<IWarehouseTracedDecorator>(System.Linq.Enumerable.First(all));
                var last = Assert.IsType<IWarehouseTracedDecorator>(scope.ServiceProvider.GetRequiredService<IWarehouse>());
                Assert.Same(instance, first.Inner);
                scoped = Assert.IsType<Warehouse>(last.Inner); // one decorator around the implementation, not two
                Assert.Same(last, scope.ServiceProvider.GetRequiredService<IWarehouse>());
            }

            Assert.True(scoped.Disposed); // the container still owns what it built
        }

        Assert.False(instance.Disposed); // and still leaves a given instance alone
    }
}
