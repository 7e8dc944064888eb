#!/bin/sh
# Remakes the fixtures of corpus/testdata/files from these sources with the
# real tools (apt-get install pandoc enscript ghostscript). Tests use the
# committed files and need none of the tools.
set -e
cd "$(dirname "$0")"
pandoc parks-budget.md -o ../parks-budget.docx
pandoc pool-hours.md -o ../pool-hours.docx
# The running header carries the file's time: keep it fixed.
touch -d '2026-12-05 07:30:28' water-report.txt
enscript -q -L 12 -o - water-report.txt | ps2pdf - ../water-report.pdf
