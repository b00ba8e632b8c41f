#pragma once
// A compact binary record format for values and document data: each item is
// a varint length (or a varint number) followed by its bytes. Decoding never
// reads past the input and reports truncation instead of throwing, because a
// database written by another version must not crash a search.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace idx {

class Packer {
public:
    Packer& number(std::uint64_t value);
    Packer& text(std::string_view value);
    Packer& list(const std::vector<std::string>& values);
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

class Unpacker {
public:
    explicit Unpacker(std::string_view in) : m_in(in) {}
    bool number(std::uint64_t& value);
    bool text(std::string_view& value);
    bool list(std::vector<std::string>& values);
    // Calls f(string_view) for each item of a list without copying it.
    template <typename F>
    bool each_in_list(F&& f) {
        std::uint64_t count = 0;
        if (!number(count)) return false;
        for (std::uint64_t i = 0; i < count; ++i) {
            std::string_view item;
            if (!text(item)) return false;
            f(item);
        }
        return true;
    }

private:
    std::string_view m_in;
    std::size_t m_pos = 0;
};

}  // namespace idx
