using Xunit;

// Tracers listen process-wide; running tests one at a time keeps every counter assertion exact.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
