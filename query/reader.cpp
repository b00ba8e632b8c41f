#include "query/reader.hpp"

#include <sys/stat.h>

#include "common/error.hpp"
#include "common/lines.hpp"
#include "common/local_database.hpp"
#include "common/schema.hpp"
#include "common/stop_words.hpp"

namespace idx::query {
DatabaseIdentity database_identity(const std::string& given) {
    // A replica's live copy moves to the other folder after a full copy.
    std::string path;
    try {
        path = live_database_folder(given);
    } catch (const Error&) {
        return {};  // the opener says what is wrong
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {};
    DatabaseIdentity id{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino), 0};
    if (::stat((path + "/postlist.glass").c_str(), &st) == 0) id.table_inode = static_cast<std::uint64_t>(st.st_ino);
    return id;
}

IndexLanguage read_index_language(const Xapian::Database& db) {
    IndexLanguage out;
    const std::string language = db.get_metadata(std::string(schema::metadata::language));
    if (!language.empty()) out.language = language;
    const std::string words = db.get_metadata(std::string(schema::metadata::stop_words));
    if (words.empty()) {
        out.stop_words = builtin_stop_words(out.language);
        return out;
    }
    out.stop_words = split_lines(words);
    return out;
}

}  // namespace idx::query
