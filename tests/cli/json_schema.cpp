#include "tests/cli/json_schema.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <stdexcept>

namespace idx::test {
namespace {

bool has_type(const nlohmann::json& value, const std::string& type) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "boolean") return value.is_boolean();
    if (type == "null") return value.is_null();
    throw std::runtime_error("unknown type in schema: " + type);
}

const std::set<std::string>& known_keywords() {
    static const std::set<std::string> keywords = {
        "$schema", "$id",     "$ref",    "$defs",    "title",      "description",
        "type",    "const",   "enum",    "required", "properties", "additionalProperties",
        "items",   "minimum", "pattern", "anyOf",    "oneOf",      "examples"};
    return keywords;
}

}  // namespace

JsonSchema JsonSchema::load(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    return JsonSchema(nlohmann::json::parse(in));
}

const nlohmann::json& JsonSchema::resolve(const std::string& ref) const {
    const std::string prefix = "#/$defs/";
    if (ref.rfind(prefix, 0) != 0) throw std::runtime_error("unsupported $ref " + ref);
    return m_root.at("$defs").at(ref.substr(prefix.size()));
}

std::vector<std::string> JsonSchema::problems(const nlohmann::json& document, const std::string& definition) const {
    std::vector<std::string> out;
    check(definition.empty() ? m_root : resolve("#/$defs/" + definition), document, "", out);
    return out;
}

void JsonSchema::check(const nlohmann::json& schema, const nlohmann::json& value, const std::string& where,
                       std::vector<std::string>& out) const {
    const std::string at = where.empty() ? "/" : where;
    for (const auto& [keyword, ignored] : schema.items()) {
        if (known_keywords().count(keyword) == 0) throw std::runtime_error("unsupported schema keyword " + keyword);
    }
    if (schema.contains("$ref")) check(resolve(schema.at("$ref").get<std::string>()), value, where, out);
    if (schema.contains("type")) {
        const nlohmann::json& type = schema.at("type");
        bool ok = false;
        if (type.is_string()) ok = has_type(value, type.get<std::string>());
        for (const auto& t : type.is_array() ? type : nlohmann::json::array())
            ok = ok || has_type(value, t.get<std::string>());
        if (!ok) {
            out.push_back(at + ": " + value.dump() + " is not of type " + type.dump());
            return;
        }
    }
    if (schema.contains("const") && value != schema.at("const"))
        out.push_back(at + ": " + value.dump() + " is not " + schema.at("const").dump());
    if (schema.contains("enum")) {
        const nlohmann::json& choices = schema.at("enum");
        if (std::find(choices.begin(), choices.end(), value) == choices.end())
            out.push_back(at + ": " + value.dump() + " is not one of " + choices.dump());
    }
    if (schema.contains("minimum") && value.is_number() && value.get<double>() < schema.at("minimum").get<double>())
        out.push_back(at + ": " + value.dump() + " is below " + schema.at("minimum").dump());
    if (schema.contains("pattern") && value.is_string() &&
        !std::regex_search(value.get<std::string>(), std::regex(schema.at("pattern").get<std::string>())))
        out.push_back(at + ": " + value.dump() + " does not match " + schema.at("pattern").dump());
    if (value.is_object()) {
        for (const auto& key : schema.value("required", nlohmann::json::array())) {
            const std::string name = key.get<std::string>();
            if (!value.contains(name)) out.push_back(at + ": missing \"" + name + "\"");
        }
        const nlohmann::json properties = schema.value("properties", nlohmann::json::object());
        for (const auto& [key, item] : value.items()) {
            if (properties.contains(key)) {
                check(properties.at(key), item, where + "/" + key, out);
            } else if (schema.contains("additionalProperties")) {
                const nlohmann::json& extra = schema.at("additionalProperties");
                if (extra.is_boolean() && !extra.get<bool>())
                    out.push_back(at + ": unexpected \"" + key + "\"");
                else if (extra.is_object())
                    check(extra, item, where + "/" + key, out);
            }
        }
    }
    if (value.is_array() && schema.contains("items")) {
        for (std::size_t i = 0; i < value.size(); ++i)
            check(schema.at("items"), value[i], where + "/" + std::to_string(i), out);
    }
    for (const char* combinator : {"anyOf", "oneOf"}) {
        if (!schema.contains(combinator)) continue;
        std::size_t valid = 0;
        std::vector<std::string> all;
        for (const nlohmann::json& branch : schema.at(combinator)) {
            std::vector<std::string> branch_problems;
            check(branch, value, where, branch_problems);
            if (branch_problems.empty()) ++valid;
            all.insert(all.end(), branch_problems.begin(), branch_problems.end());
        }
        const bool ok = std::string(combinator) == "anyOf" ? valid > 0 : valid == 1;
        if (!ok) {
            out.push_back(at + ": " + std::to_string(valid) + " branches of " + combinator + " match");
            out.insert(out.end(), all.begin(), all.end());
        }
    }
}

const JsonSchema& json_schema_v1() {
    static const JsonSchema loaded = JsonSchema::load(IDX_JSON_SCHEMA);
    return loaded;
}

}  // namespace idx::test
