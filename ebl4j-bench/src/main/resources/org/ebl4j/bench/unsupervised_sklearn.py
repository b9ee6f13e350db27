"""scikit-learn side of `ebl4j bench unsupervised` (UnsupervisedBench.java).

Reads the four raw little-endian float32 matrices the Java side wrote, fits each model once to warm up and then
`--repeats` times, and prints one line "version V" and then one line "result MODEL SECONDS OBJECTIVE" per model:
the median fit time and the objective of the last fit, computed exactly as the Java side computes it.
"""
import argparse
import os
import sys
import time

import numpy as np


def load(directory, name, rows, cols):
    data = np.fromfile(os.path.join(directory, name), dtype="<f4")
    if data.size != rows * cols:
        sys.exit("unsupervised_sklearn.py: %s holds %d floats, expected %d x %d" % (name, data.size, rows, cols))
    return data.reshape(rows, cols)


def timed(fit, repeats):
    fit()
    times = []
    model = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        model = fit()
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), model


def report(model, seconds, objective):
    print("result %s %r %r" % (model, seconds, objective), flush=True)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--rows", type=int, required=True)
    p.add_argument("--repeats", type=int, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--pca-components", type=int, required=True)
    p.add_argument("--clusters", type=int, required=True)
    p.add_argument("--kmeans-restarts", type=int, required=True)
    p.add_argument("--gmm-components", type=int, required=True)
    p.add_argument("--rbm-hidden", type=int, required=True)
    p.add_argument("--rbm-batch", type=int, required=True)
    p.add_argument("--rbm-lr", type=float, required=True)
    p.add_argument("--rbm-epochs", type=int, required=True)
    p.add_argument("--atoms", type=int, required=True)
    p.add_argument("--alpha", type=float, required=True)
    p.add_argument("--dict-batch", type=int, required=True)
    p.add_argument("--dict-epochs", type=int, required=True)
    a = p.parse_args()

    import sklearn
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA, MiniBatchDictionaryLearning, sparse_encode
    from sklearn.mixture import GaussianMixture
    from sklearn.neural_network import BernoulliRBM

    n, r, seed = a.rows, a.repeats, a.seed
    images = load(a.dir, "images.f32", n, 784)
    binary = load(a.dir, "binary.f32", n, 784)
    clusters = load(a.dir, "clusters.f32", n, 64)
    patches = load(a.dir, "patches.f32", n, 144)
    print("version", sklearn.__version__, flush=True)

    t, m = timed(lambda: PCA(n_components=a.pca_components, random_state=seed).fit(images), r)
    residual = images - m.inverse_transform(m.transform(images))
    report("pca", t, float((residual.astype(np.float64) ** 2).sum(1).mean()))

    t, m = timed(lambda: KMeans(n_clusters=a.clusters, n_init=a.kmeans_restarts, init="k-means++",
                                random_state=seed).fit(clusters), r)
    report("kmeans", t, float(m.inertia_))

    t, m = timed(lambda: GaussianMixture(n_components=a.gmm_components, covariance_type="full",
                                         random_state=seed).fit(clusters), r)
    report("gmm", t, float(m.score(clusters)))

    t, m = timed(lambda: BernoulliRBM(n_components=a.rbm_hidden, learning_rate=a.rbm_lr, batch_size=a.rbm_batch,
                                      n_iter=a.rbm_epochs, random_state=seed).fit(binary), r)
    v = binary.astype(np.float64)
    hidden = sigmoid(v @ m.components_.T + m.intercept_hidden_)
    recon = sigmoid(hidden @ m.components_ + m.intercept_visible_)
    report("rbm", t, float(((v - recon) ** 2).mean()))

    t, m = timed(lambda: MiniBatchDictionaryLearning(n_components=a.atoms, alpha=a.alpha, batch_size=a.dict_batch,
                                                     max_iter=a.dict_epochs, random_state=seed).fit(patches), r)
    d = m.components_.astype(np.float64)
    y = patches.astype(np.float64)
    z = sparse_encode(y, d, algorithm="lasso_cd", alpha=a.alpha, max_iter=1000)
    objective = 0.5 * ((y - z @ d) ** 2).sum(1) + a.alpha * np.abs(z).sum(1)
    report("dictionary", t, float(objective.mean()))


if __name__ == "__main__":
    main()
