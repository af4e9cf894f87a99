//! Simplified Chinese UI strings.

use super::Strings;

/// 简体中文.
pub static ZH_CN: Strings = Strings {
    app_tagline: "为母婴品牌打造会员俱乐部页面与营销活动。",
    projects: "项目",
    no_projects: "还没有项目。",
    checking_server: "正在检查服务器…",
    server_status: "服务器",
    language: "语言",
    editor: "编辑器",
    document: "文档",
    back_to_projects: "返回项目列表",
    club_page: "会员页面",
    page: "页面",
    draft_preview: "草稿预览",
    preview_link: "预览链接",
    not_found: "页面不存在",
    not_found_text: "这个地址没有对应的 Cradle 页面。",
    go_to_projects: "前往项目列表",
};
