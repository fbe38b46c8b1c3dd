#!/bin/bash
# Installs a small "package" into a temporary folder, uses it and removes it again.
t_Log "Running $0 - install into a scratch folder"
scratch=$(mktemp -d)
mkdir -p "$scratch/usr/bin"
printf '#!/bin/sh\necho hello from the scratch package\n' > "$scratch/usr/bin/scratch-hello"
chmod 755 "$scratch/usr/bin/scratch-hello"
out=$("$scratch/usr/bin/scratch-hello")
rm -rf "$scratch"
[ "$out" = "hello from the scratch package" ]
t_CheckExitStatus $?
