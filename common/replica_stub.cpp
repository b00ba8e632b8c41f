#include "common/replica_stub.hpp"

#include "common/lines.hpp"

namespace idx {

std::optional<std::string> replica_live_copy(std::string_view stub_text) {
    std::optional<std::string> live;
    for (std::string line : split_lines(stub_text)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line.front() == '#') continue;
        if (live || (line != "auto replica_0" && line != "auto replica_1")) return std::nullopt;
        live = line.substr(5);
    }
    return live;
}

}  // namespace idx
