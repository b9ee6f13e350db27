/**
 * Estimators that shape any energy E(W, Y) over data Y: strategies 2, 3 and 4 of LeCun's lecture "Energy-Based
 * Unsupervised Learning". Each is an {@link org.ebl4j.energy.loss.Loss}: {@code compute(energy, null, data)}
 * returns a scalar differentiable in W (plus what it pushed up and metrics), so the
 * {@link org.ebl4j.energy.train.Trainer} trains it as it trains any loss, on a
 * {@code new Dataset(null, data)}, or a plain optimiser loop calls it. Being losses rather than models, they apply
 * to every energy of the library, the models of this package being the ones whose truth is known.
 *
 * <h2>2. Push down on the data, push up everywhere else: maximum likelihood</h2>
 * Needs a tractable partition function ({@link org.ebl4j.unsupervised.estimation.TractablePartition}):
 * {@code new NegativeLogLikelihoodLoss(1f, new AnalyticLogPartition())}. Models:
 * {@link org.ebl4j.unsupervised.estimation.GaussianModel} (closed form log Z, closed-form fit) and
 * {@link org.ebl4j.unsupervised.estimation.FullyVisibleBoltzmannMachine} (log Z by enumeration, fit by L-BFGS).
 *
 * <h2>3. Push down on the data, push up on chosen points</h2>
 * <ul>
 *   <li>{@link org.ebl4j.unsupervised.estimation.NoiseContrastiveEstimation}: the chosen points are samples of a
 *       known noise density; the energy is wrapped in a {@link org.ebl4j.unsupervised.estimation.NormalisedEnergy}
 *       whose learned c converges to −log Z.</li>
 *   <li>{@link org.ebl4j.unsupervised.estimation.RatioMatching} and
 *       {@link org.ebl4j.unsupervised.estimation.MinimumProbabilityFlow} (binary data): the single-bit flips of each
 *       data point.</li>
 *   <li>Contrastive divergence and persistent CD for a general continuous energy are in ebl4j-energy, not here: the
 *       chosen points are where short MCMC chains started at the data end,
 *       {@code new NegativeLogLikelihoodLoss(beta, new SampledLogPartition(new Langevin(step, beta, rng), chains,
 *       steps))}.</li>
 * </ul>
 *
 * <h2>4. Minimise the gradient and maximise the curvature around the data: score matching</h2>
 * {@link org.ebl4j.unsupervised.estimation.ScoreMatching} (exact Hessian trace, small D),
 * {@link org.ebl4j.unsupervised.estimation.SlicedScoreMatching} (random projections) and
 * {@link org.ebl4j.unsupervised.estimation.DenoisingScoreMatching} (no second derivative) for continuous Y.
 */
package org.ebl4j.unsupervised.estimation;
