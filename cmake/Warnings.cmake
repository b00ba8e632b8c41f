# One warnings target that every idx target links: warnings are errors.
add_library(idx_warnings INTERFACE)
target_compile_options(idx_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wconversion -Wsign-conversion -Wnull-dereference -Wformat=2
  -Wimplicit-fallthrough -Werror)

# Sanitizers for every target when -DIDX_SANITIZE=address,undefined is given.
add_library(idx_sanitize INTERFACE)
if(IDX_SANITIZE)
  target_compile_options(idx_sanitize INTERFACE -fsanitize=${IDX_SANITIZE} -fno-omit-frame-pointer
                         -fno-sanitize-recover=all)
  target_link_options(idx_sanitize INTERFACE -fsanitize=${IDX_SANITIZE})
endif()
