#pragma once
// The report preview's page images as OpenGL textures, uploaded once per preview and
// released with it. Both renderers of the window (OpenGL 3 and 2.1) draw an ImTextureID
// that is a GL texture name.

#include <imgui.h>

#include <memory>
#include <vector>

#include "client/model/view_data.h"

namespace nastavnik::ui::widgets {

class PageTextures {
 public:
  PageTextures() = default;
  ~PageTextures() { Release(); }
  PageTextures(const PageTextures&) = delete;
  PageTextures& operator=(const PageTextures&) = delete;

  // Uploads the pages of `preview` unless they are the ones already up; null releases them.
  void Sync(const std::shared_ptr<const view::ReportPreviewData>& preview);
  size_t size() const { return names_.size(); }
  ImTextureID texture(size_t page) const;

 private:
  void Release();

  std::shared_ptr<const view::ReportPreviewData> uploaded_;  // held, so its address is not reused
  std::vector<unsigned> names_;
};

}  // namespace nastavnik::ui::widgets
