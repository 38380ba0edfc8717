# tests/e2e/common.sh: what the end-to-end scripts share. Sourced, not run.
# They read third-party text from ../shared and skip (exit 77) without it.

# e2e_need MESSAGE PATH...: skip with MESSAGE unless every PATH exists
e2e_need() {
	local why=$1 p
	shift
	for p in "$@"; do
		if [ ! -e "$p" ]; then
			echo "SKIP: $why"
			exit 77
		fi
	done
}

# e2e_tmp: a temporary folder in $T, removed at exit
e2e_tmp() {
	T=$(mktemp -d)
	trap 'rm -rf "$T"' EXIT
}
