using Streaming.Core.Features.ModelInputs;
using Streaming.Inference.Batching;
using Streaming.Inference.Contracts;

namespace Streaming.Pipeline.Scoring;

/// <summary>The uplift contract's input indices, resolved once: a request's row of a pooled request as an <see cref="UpliftModelInput"/>.</summary>
internal sealed class UpliftInputRows(StageContract contract)
{
    private readonly int _context = contract.InputIndex("context");
    private readonly int _contextMask = contract.InputIndex("context_mask");
    private readonly int _requestShares = contract.InputIndex("request_shares");

    public UpliftModelInput Row(InferenceRequest request, int row) => new()
    {
        Context = request.InputRow(_context, row),
        ContextMask = request.InputRow(_contextMask, row),
        RequestShares = request.InputRow(_requestShares, row),
    };
}
