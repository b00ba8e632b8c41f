# One warnings target that every idx target links. Warnings are errors where
# idx is developed (-DIDX_WERROR=ON: the README's test command, .ci/run), not
# in a user's build with another compiler, whose new warnings must not stop it.
add_library(idx_warnings INTERFACE)
target_compile_options(idx_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wconversion -Wsign-conversion -Wnull-dereference -Wformat=2
  -Wimplicit-fallthrough)
if(IDX_WERROR)
  target_compile_options(idx_warnings INTERFACE -Werror)
endif()
# g++ 12 reports -Wrestrict inside libstdc++ for plain std::string
# concatenation once it is inlined at -O2/-O3 (GCC bugs 105329, 105651:
# false positives, fixed in g++ 13). With -Werror they would fail Release
# builds at random call sites, so this one warning is off for g++ 12.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(idx_warnings INTERFACE -Wno-restrict)
endif()

# Sanitizers for every target when -DIDX_SANITIZE=address,undefined is given.
add_library(idx_sanitize INTERFACE)
if(IDX_SANITIZE)
  target_compile_options(idx_sanitize INTERFACE -fsanitize=${IDX_SANITIZE} -fno-omit-frame-pointer
                         -fno-sanitize-recover=all)
  target_link_options(idx_sanitize INTERFACE -fsanitize=${IDX_SANITIZE})
  # GCC's manual (Instrumentation Options): sanitizers raise the rate of false
  # -Wmaybe-uninitialized; g++ 12 reports them inside libstdc++'s std::regex
  # and std::function, which the CLI tests use.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(idx_sanitize INTERFACE -Wno-maybe-uninitialized)
  endif()
  # A sanitized build exists to run the suite, so the default build type
  # compiles it at -O1 -g1 (ASan's documentation suggests -O1; -g1 keeps the
  # line tables its reports need): measured with g++ 12 under
  # address,undefined, indexer/sync.cpp takes 25 s of CPU instead of 62 s at
  # the usual -O2 -g. A flags value given on the command line is kept.
  if(CMAKE_CXX_FLAGS_RELWITHDEBINFO STREQUAL "-O2 -g -DNDEBUG")
    set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O1 -g1 -DNDEBUG")
  endif()
endif()
