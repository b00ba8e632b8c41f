// libFuzzer's entry point for one target; IDX_FUZZ_ENTRY names the function
// of fuzz_entries.hpp it calls (tests/fuzz/CMakeLists.txt builds one
// executable per entry).

#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    idx::fuzz::IDX_FUZZ_ENTRY({reinterpret_cast<const char*>(data), size});
    return 0;
}
