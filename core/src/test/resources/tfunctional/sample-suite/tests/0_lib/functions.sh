#!/bin/bash
# Library of the sample suite: the t_functional helpers the tests use.

function t_Log
{
	printf '[+] %s -> %s\n' "$(date)" "$*"
}

function t_CheckExitStatus
{
	if [ "$1" -eq 0 ]; then
		t_Log "PASS"
		return $PASS
	fi
	t_Log "FAIL"
	exit $FAIL
}

function t_Process
{
	local f
	while read -r f; do
		case "$(basename "$f" | tr 'A-Z' 'a-z')" in
			*readme*|_*) continue ;;
		esac
		[ -x "$f" ] && "$f"
	done < "$1"
	return 0
}

function t_Assert
{
	"$@" >/dev/null 2>&1
	t_CheckExitStatus $?
}

# The major release of the machine, as the skip list's first field names it.
function t_DistCheck
{
	( . /etc/os-release 2>/dev/null; v="${VERSION_ID:-0}"; echo "${v%%.*}" )
}
centos_ver=$(t_DistCheck)

function t_SkipRelease
{
	if [ "$centos_ver" = "$1" ]; then
		t_Log "$2"
		t_Log "SKIP"
		exit 0
	fi
}

export -f t_Log t_CheckExitStatus t_Process t_Assert t_DistCheck t_SkipRelease
export centos_ver
