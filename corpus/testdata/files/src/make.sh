#!/bin/sh
# Remakes the fixtures of corpus/testdata/files from these sources with the
# real tools (apt-get install pandoc enscript ghostscript). Tests use the
# committed files and need none of the tools.
set -e
cd "$(dirname "$0")"
pandoc parks-budget.md -o ../parks-budget.docx
pandoc pool-hours.md -o ../pool-hours.docx
