#!/usr/bin/env python3
"""Writes a fitted interpret Explainable Boosting Machine as a disparate `kind: additive` model file.

    from interpret.glassbox import ExplainableBoostingClassifier
    ebm = ExplainableBoostingClassifier(interactions=10).fit(X, y)      # X: a pandas DataFrame
    import ebm_to_additive; ebm_to_additive.write(ebm, 'model.json', name='slimme-check')

or, for a pickled model:  python3 ebm_to_additive.py ebm.pkl model.json

What it reads (interpret >= 0.3): feature_names_in_, feature_types_in_, bins_, term_features_,
term_scores_, intercept_, link_. An EBM's term tables carry two extra bins per feature, 0 for a
missing value and the last for a category never seen in training; disparate refuses missing values and
undeclared levels instead, so both are dropped (a warning lists any that carry a score other than 0).
Then verify the file against the EBM's own predict_proba on a sample:

    disparate verify --model model.json --data sample.csv --expect predict_proba.csv
"""
import json
import sys

import numpy as np


def _bins(ebm, feature, arity):
    """The binning of a feature as used by terms of this arity (interactions may use coarser bins)."""
    levels = ebm.bins_[feature]
    return levels[min(arity, len(levels)) - 1]


def _input(ebm, feature, arity):
    name = ebm.feature_names_in_[feature]
    bins = _bins(ebm, feature, arity)
    if isinstance(bins, dict):
        levels = [str(level) for level, _ in sorted(bins.items(), key=lambda kv: kv[1])]
        return {'name': name, 'type': 'categorical', 'levels': levels}
    return {'name': name, 'type': 'numeric', 'edges': [float(c) for c in np.asarray(bins)]}


def convert(ebm, name='ebm', source=None):
    """The model file as a dict. Inputs used with different binnings in mains and pairs are refused."""
    inputs, warnings = {}, []
    terms = []
    for features, scores in zip(ebm.term_features_, ebm.term_scores_):
        arity = len(features)
        for f in features:
            spec = _input(ebm, f, arity)
            if spec['name'] in inputs and inputs[spec['name']] != spec:
                raise ValueError(f'feature {spec["name"]} is binned differently in mains and interactions; refit with the same bins')
            inputs[spec['name']] = spec
        scores = np.asarray(scores, dtype=float)
        inner = scores[tuple(slice(1, -1) for _ in features)]
        if not np.allclose(scores.sum(), inner.sum()) or np.any(scores[(0,) * arity] != 0):
            warnings.append(' x '.join(ebm.feature_names_in_[f] for f in features))
        terms.append({'inputs': [ebm.feature_names_in_[f] for f in features], 'scores': inner.tolist()})
    intercept = float(np.ravel(ebm.intercept_)[0])
    link = 'logit' if getattr(ebm, 'link_', 'logit') == 'logit' else 'identity'
    if warnings:
        print(f'note: missing/unknown bins carry scores in {", ".join(warnings)}; disparate refuses such rows instead', file=sys.stderr)
    model = {'kind': 'additive', 'name': name, 'intercept': intercept, 'link': link, 'inputs': list(inputs.values()), 'terms': terms}
    if source:
        model['source'] = source
    return model


def write(ebm, path, name='ebm', source=None):
    with open(path, 'w') as f:
        json.dump(convert(ebm, name, source), f, indent=1)


if __name__ == '__main__':
    import pickle
    with open(sys.argv[1], 'rb') as f:
        write(pickle.load(f), sys.argv[2], name=sys.argv[1])
