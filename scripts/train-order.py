#!/usr/bin/python3
"""Train the forest that orders a short question's sentences (answer/order.json).

Tooling only: the bot reads the forest in Go (answer/forest.go). Needs
Debian's python3-xgboost (`apt-get install python3-xgboost`, which brings
numpy). Input: the labelled examples `bot train --dump FILE` writes.

    bot train --corpus CORPUS --questions SETS --out answer/model.json --dump /tmp/examples.jsonl
    /usr/bin/python3 scripts/train-order.py /tmp/examples.jsonl answer/order.json \
        --check answer/testdata/order-check.json

--check also writes feature rows with XGBoost's own margins for them, which
TestForestMatchesXGBoost compares with the Go reader's.
"""
import argparse
import json
import sys

import numpy as np
import xgboost as xgb

PARAMS = {"objective": "rank:pairwise", "max_depth": 3, "eta": 0.05,
          "subsample": 0.8, "colsample_bytree": 0.8, "seed": 1, "nthread": 1}
ROUNDS = 200


def load(paths):
    names, groups = None, []
    for p in paths:
        with open(p) as f:
            head = json.loads(f.readline())
            if names is None:
                names = head["sentence_features"]
            elif names != head["sentence_features"]:
                sys.exit(f"{p}: its sentence features differ from the first file's")
            for line in f:
                q = json.loads(line)
                # the forest orders a short question's sentences; the ones
                # with no answering sentence (or only answering ones) teach
                # no order
                if q.get("hard") or q.get("long") or q.get("follow_up"):
                    continue
                ys = [s["answers"] for s in q.get("sentences") or []]
                if not any(ys) or all(ys):
                    continue
                groups.append(([s["features"] for s in q["sentences"]], ys))
    return names, groups


def fit(groups, params, rounds):
    X = np.array([x for g in groups for x in g[0]], dtype=float)
    y = np.array([int(v) for g in groups for v in g[1]])
    d = xgb.DMatrix(X, label=y)
    d.set_group([len(g[0]) for g in groups])
    return xgb.train(params, d, num_boost_round=rounds), X


def plain(booster, names, X, note):
    """The booster as answer.Forest's JSON."""
    model = json.loads(booster.save_raw("json"))
    trees = []
    for t in model["learner"]["gradient_booster"]["model"]["trees"]:
        left, right = t["left_children"], t["right_children"]
        trees.append({
            "feature": [i if left[n] >= 0 else 0 for n, i in enumerate(t["split_indices"])],
            "threshold": [c if left[n] >= 0 else 0 for n, c in enumerate(t["split_conditions"])],
            "left": left,
            "right": right,
            "value": [c if left[n] < 0 else 0 for n, c in enumerate(t["split_conditions"])],
        })
    # the base margin, read back: XGBoost's margin less the trees' sum
    margin = booster.predict(xgb.DMatrix(X[:1]), output_margin=True)[0]
    leaves = 0.0
    for t in trees:
        n = 0
        while t["left"][n] >= 0:
            n = t["left"][n] if np.float32(X[0][t["feature"][n]]) < np.float32(t["threshold"][n]) else t["right"][n]
        leaves += t["value"][n]
    return {"features": names, "base": float(margin - leaves), "trees": trees, "trained": note}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("examples", help="comma-separated files written by `bot train --dump`")
    ap.add_argument("out", help="forest JSON to write (answer/order.json)")
    ap.add_argument("--check", help="also write feature rows and XGBoost's margins for them here")
    ap.add_argument("--note", default="", help="said in the forest's trained field")
    a = ap.parse_args()
    names, groups = load(a.examples.split(","))
    if not groups:
        sys.exit("no question with an answering sentence to learn from")
    booster, X = fit(groups, PARAMS, ROUNDS)
    note = a.note or f"{len(groups)} questions, {len(X)} sentences"
    note += f"; xgboost {xgb.__version__} {PARAMS['objective']}, depth {PARAMS['max_depth']}, eta {PARAMS['eta']}, {ROUNDS} rounds; retrain: scripts/train-order.py"
    forest = plain(booster, names, X, note)
    with open(a.out, "w") as f:
        json.dump(forest, f, separators=(",", ":"))
        f.write("\n")
    if a.check:
        rows = X[np.random.default_rng(7).choice(len(X), size=min(40, len(X)), replace=False)]
        want = booster.predict(xgb.DMatrix(rows), output_margin=True)
        with open(a.check, "w") as f:
            json.dump({"rows": rows.tolist(), "margins": [float(v) for v in want]}, f)
            f.write("\n")
    print(f"wrote {a.out}: {note}")


if __name__ == "__main__":
    main()
