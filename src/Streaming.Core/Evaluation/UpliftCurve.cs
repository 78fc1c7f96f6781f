namespace Streaming.Core.Evaluation;

/// <summary>
/// Uplift evaluation of one treatment against control (see <see cref="UpliftMetrics"/>): the
/// curves at every cut-off k = 1..n of the population ranked by predicted uplift, and their areas.
/// </summary>
/// <param name="Treated">Samples that received the treatment.</param>
/// <param name="Control">Samples that received control.</param>
/// <param name="Qini">Qini(k) = Y_t(k) - Y_c(k) * N_t(k) / N_c(k), for k = 1..n.</param>
/// <param name="Uplift">U(k) = (Y_t(k) / N_t(k) - Y_c(k) / N_c(k)) * k, for k = 1..n (0 while either group is empty).</param>
/// <param name="Auuc">Area under the uplift curve, both axes divided by n: (1/n) Σ_k U(k)/n.</param>
/// <param name="QiniCoefficient">Area between the Qini curve and the random line from 0 to Qini(n), both axes divided by n: (1/n) Σ_k (Qini(k) - (k/n) Qini(n))/n.</param>
public sealed record UpliftCurve(int Treated, int Control, IReadOnlyList<double> Qini, IReadOnlyList<double> Uplift, double Auuc, double QiniCoefficient);
