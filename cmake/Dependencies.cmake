# All dependencies are Debian 12 packages; see README for the apt line.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(xapian REQUIRED)            # libxapian-dev
find_package(yaml-cpp REQUIRED)          # libyaml-cpp-dev
find_package(cxxopts REQUIRED)           # libcxxopts-dev
find_package(nlohmann_json 3 REQUIRED)   # nlohmann-json3-dev
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)          # libgumbo-dev
pkg_check_modules(MD4C_HTML REQUIRED IMPORTED_TARGET md4c-html)  # libmd4c-html0-dev
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)     # libxxhash-dev
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)         # libzstd-dev (stored text)

# Xapian's CMake config sets variables, not a target: wrap them in one.
add_library(idx_xapian INTERFACE)
target_include_directories(idx_xapian SYSTEM INTERFACE ${XAPIAN_INCLUDE_DIR})
target_link_libraries(idx_xapian INTERFACE ${XAPIAN_LIBRARIES})

# jemalloc (libjemalloc-dev) for the idx executable: parsing threads and the
# writer allocate millions of small strings at once; glibc malloc's arena
# contention was measured costing 20% of a full build's wall time.
pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)

# cpp-httplib (libcpp-httplib-dev) for `idx serve`: Debian builds it as a
# shared library, found by pkg-config.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)   # libcpp-httplib-dev
