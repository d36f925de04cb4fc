// Embeds the trained weights when they exist, so the crate still builds (with an empty model
// that annotates nothing) before the first training run.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(has_model)");
    println!("cargo:rerun-if-changed=model/syntax.bin");
    if std::path::Path::new("model/syntax.bin").exists() {
        println!("cargo:rustc-cfg=has_model");
    }
}
