using Xunit;

// The span listener is process-wide: tests run one at a time, and each still keeps only the spans of
// its own trace (see SpanCapture).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
