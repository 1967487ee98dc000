#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    demo_app_lib::run()
}
