#include "common/packing.hpp"

namespace idx {

Packer& Packer::number(std::uint64_t value) {
    while (value >= 0x80) {
        m_out += static_cast<char>((value & 0x7F) | 0x80);
        value >>= 7;
    }
    m_out += static_cast<char>(value);
    return *this;
}

Packer& Packer::text(std::string_view value) {
    number(value.size());
    m_out.append(value);
    return *this;
}

Packer& Packer::list(const std::vector<std::string>& values) {
    number(values.size());
    for (const std::string& v : values) text(v);
    return *this;
}

bool Unpacker::number(std::uint64_t& value) {
    value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        if (m_pos >= m_in.size()) return false;
        const auto byte = static_cast<unsigned char>(m_in[m_pos++]);
        if (shift == 63 && (byte & 0x7E) != 0) return false;  // more than 64 bits
        value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) return true;
    }
    return false;
}

bool Unpacker::text(std::string_view& value) {
    std::uint64_t len = 0;
    if (!number(len) || len > m_in.size() - m_pos) return false;
    value = m_in.substr(m_pos, static_cast<std::size_t>(len));
    m_pos += static_cast<std::size_t>(len);
    return true;
}

bool Unpacker::list(std::vector<std::string>& values) {
    values.clear();
    return each_in_list([&](std::string_view item) { values.emplace_back(item); });
}

}  // namespace idx
