#!/bin/bash
# A helper sourced by the tests of this folder: files starting with _ never run on their own.
WORDS="cloud images tested with t_functional"
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  t_Log "FAIL"
  exit 1
fi
