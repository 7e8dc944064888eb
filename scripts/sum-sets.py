#!/usr/bin/env python3
"""Answer figures of one bot binary on several question sets, and their sum.

usage: BOT_DATA_DIR=DIR scripts/sum-sets.py BIN SET...

SET is a set's name (reporter-slack-dev3, followups-dev, multihop-rag-dev,
...), looked up in eval/testdata, desk/testdata and ../shared/evals (EVALS
overrides the last), or a path. Each set is run as `BIN eval --k 5 --json
--questions SET --corpus EVALS/multihop-rag.corpus.jsonl` (the seed set on
the bundled corpus); EXTRA adds flags ("--tune pool-docs=0"). With two sets
or more, a TOTAL line weighs each set by its answerable and unanswerable
questions: answer_shown / evidence_shown / false_abstain / abstain_correct,
short answers and how many were wrong. docs/evaluation.md reports these.
"""
import json
import os
import subprocess
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
evals = os.environ.get('EVALS', os.path.join(root, '..', 'shared', 'evals'))
if not os.path.isdir(evals):
    sys.exit(f'sum-sets: {evals} is missing (the shared evaluation sets live beside the checkout); nothing measured')
corpus = os.path.join(evals, 'multihop-rag.corpus.jsonl')


def path(name):
    for d in (os.path.join(root, 'eval', 'testdata'), os.path.join(root, 'desk', 'testdata'), evals):
        p = os.path.join(d, name + '.qa.jsonl')
        if os.path.exists(p):
            return p
    return name


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary = sys.argv[1]
    tot = dict(a=0, u=0, shown=0.0, evid=0.0, fa=0.0, ac=0.0, short=0, right=0.0)
    for name in sys.argv[2:]:
        p = path(name)
        rows = [json.loads(line) for line in open(p) if line.strip()]
        u = sum(1 for r in rows if r.get('type') == 'unanswerable')
        a = len(rows) - u
        args = [binary, 'eval', '--k', '5', '--json', '--questions', p]
        if 'seed' not in os.path.basename(p):
            args += ['--corpus', corpus]
        args += os.environ.get('EXTRA', '').split()
        out = subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip().splitlines()
        d = json.loads(out[-1])
        g = lambda k: d.get(k) or 0
        print(f"{name:28s} hit={g('hit_at_k'):.3f} shown={g('answer_shown'):.3f} evid={g('evidence_shown'):.3f} "
              f"fa={g('false_abstain'):.3f} abst={g('abstain_correct'):.3f} short={g('short_answers')} "
              f"sp={g('short_answer_precision'):.3f}  (a={a} u={u})", flush=True)
        tot['a'] += a
        tot['u'] += u
        tot['shown'] += g('answer_shown') * a
        tot['evid'] += g('evidence_shown') * a
        tot['fa'] += g('false_abstain') * a
        tot['ac'] += g('abstain_correct') * u
        tot['short'] += g('short_answers')
        tot['right'] += g('short_answer_precision') * g('short_answers')
    if len(sys.argv) > 3:
        a, u = tot['a'], tot['u']
        print(f"{'TOTAL':28s} shown={tot['shown'] / a:.3f} evid={tot['evid'] / a:.3f} fa={tot['fa'] / a:.3f} "
              f"abst={(tot['ac'] / u if u else 0):.3f} short={tot['short']} wrong={round(tot['short'] - tot['right'])} (a={a} u={u})")


main()
