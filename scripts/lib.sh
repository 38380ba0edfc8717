# scripts/lib.sh: what scripts/demo and scripts/test share: the Debian packages
# the project needs, installed when missing, and the CMake build.
# Sourced, not run.

GM_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GM_BUILD=${GM_BUILD:-$GM_TOP/build}

gm_need_packages() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -eq 0 ]; then
		echo "installing Debian packages: ${missing[*]}"
		apt-get update -q >/dev/null || { echo "apt-get update failed" >&2; exit 1; }
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
			{ echo "apt-get install failed: ${missing[*]}" >&2; exit 1; }
	else
		echo "geomention needs these Debian packages; as root run:" >&2
		echo "  apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
}

# build and runtime: compiler, CMake, ICU, PROJ, GDAL; python3 for the scorer
GM_BUILD_PACKAGES=(cmake make gcc pkg-config libicu-dev libproj-dev proj-data libgdal-dev python3)

gm_build() {   # WERROR [more cmake -D options]
	local werror=${1:-OFF}
	shift || true
	cmake -S "$GM_TOP" -B "$GM_BUILD" -DCMAKE_BUILD_TYPE=Release -DGM_WERROR="$werror" "$@" >/dev/null ||
		{ echo "cmake configure failed" >&2; exit 1; }
	# The build's own status decides: its output goes to a file first (a
	# filter in a pipe would hand back the filter's status, and "|| true"
	# after it resets PIPESTATUS), then only the progress lines are dropped.
	local log status=0
	log=$(mktemp) || exit 1
	cmake --build "$GM_BUILD" -j "$(nproc)" >"$log" 2>&1 || status=$?
	grep -Ev '^\[ *[0-9]+%\]|^Consolidate|^gmake' "$log" || true
	rm -f "$log"
	[ "$status" -eq 0 ] || { echo "build failed (cmake --build exit $status)" >&2; exit 1; }
}
