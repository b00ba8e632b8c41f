#pragma once
// Counts in sentences for people: "1 error", "2 errors", "0 matches".

#include <cstddef>
#include <string>
#include <string_view>

namespace idx::cli {

inline std::string counted(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace idx::cli
