#include "common/shards.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/error.hpp"
#include "common/records.hpp"
#include "common/schema.hpp"

namespace idx {

std::uint64_t path_hash(std::string_view bytes) {
    constexpr std::uint64_t kOffsetBasis = 14695981039346656037ull;
    constexpr std::uint64_t kPrime = 1099511628211ull;
    std::uint64_t hash = kOffsetBasis;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= kPrime;
    }
    return hash;
}

unsigned shard_of(std::string_view path, unsigned count) {
    return count <= 1 ? 0 : static_cast<unsigned>(path_hash(path) % count);
}

std::string shard_folder(const std::string& db, unsigned index) {
    return db + "/" + std::string(schema::layout::shard_folder) + std::to_string(index);
}

std::string shard_record_path(const std::string& db) {
    return db + "/" + std::string(schema::layout::shard_record);
}

std::optional<unsigned> read_shard_count(const std::string& db) {
    const std::string file = shard_record_path(db);
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
        throw Error("cannot read the shard record " + file + ": " + std::strerror(errno), ExitCode::io);
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw Error("cannot read the shard record " + file, ExitCode::io);
    const std::optional<unsigned> count = decode_shard_record(text.str());
    if (!count)
        throw Error(file +
                    " is not a shard record idx wrote (damaged, or from a newer idx): rebuild the index with "
                    "idx add --shards N");
    return count;
}

std::vector<std::string> database_folders(const std::string& db) {
    const std::optional<unsigned> count = read_shard_count(db);
    if (!count) return {db};
    std::vector<std::string> out;
    for (unsigned i = 0; i < *count; ++i) out.push_back(shard_folder(db, i));
    return out;
}

DatabaseSet expand_shards(const DatabaseSet& set) {
    DatabaseSet out = set;
    out.members.clear();
    for (const DatabaseSpec& member : set.members) {
        if (member.remote()) {
            out.members.push_back(member);
            continue;
        }
        for (const std::string& folder : database_folders(member.path)) out.members.push_back({folder, {}, 0});
    }
    return out;
}

}  // namespace idx
