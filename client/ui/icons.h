#pragma once
// Icons from Font Awesome 4 (Debian's fonts-font-awesome), merged into the text font when
// it is installed. Views put an icon before a label with Icon(); without the icon font it
// gives nothing, so no label ever shows a missing-glyph box.

#include <string>

namespace nastavnik::ui {
namespace icon {

inline constexpr unsigned kFirst = 0xF000, kLast = 0xF2E0;  // the glyph range loaded

inline constexpr const char* kHome = "\xef\x80\x95";        // U+F015
inline constexpr const char* kSessions = "\xef\x83\x80";    // U+F0C0 users
inline constexpr const char* kVisits = "\xef\x81\xae";      // U+F06E eye
inline constexpr const char* kCheckList = "\xef\x82\xae";   // U+F0AE tasks
inline constexpr const char* kDone = "\xef\x80\x8c";        // U+F00C check
inline constexpr const char* kRoute = "\xef\x89\xb9";       // U+F279 map
inline constexpr const char* kCalendar = "\xef\x81\xb3";    // U+F073
inline constexpr const char* kRegistry = "\xef\x80\xad";    // U+F02D book
inline constexpr const char* kPair = "\xef\x83\x81";        // U+F0C1 link
inline constexpr const char* kChart = "\xef\x82\x80";       // U+F080 bar chart
inline constexpr const char* kLineChart = "\xef\x88\x81";   // U+F201 line chart
inline constexpr const char* kSync = "\xef\x80\xa1";        // U+F021 refresh
inline constexpr const char* kSettings = "\xef\x80\x93";    // U+F013 cog
inline constexpr const char* kFolder = "\xef\x81\xbc";      // U+F07C folder-open
inline constexpr const char* kPencil = "\xef\x81\x80";      // U+F040
inline constexpr const char* kDownload = "\xef\x80\x99";    // U+F019

}  // namespace icon

// Whether the icon font is loaded (set by the app when it builds the fonts).
void SetIconsAvailable(bool available);
// "<icon> " when the icon font is loaded, "" otherwise.
std::string Icon(const char* glyph);

}  // namespace nastavnik::ui
