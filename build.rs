//! Embeds the app icon in the Windows .exe (with the resource compiler of the MinGW or MSVC
//! toolchain building it); for any other target it does nothing.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icons/journeymap.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut resource = winresource::WindowsResource::new();
    resource.set_icon("assets/icons/journeymap.ico");
    resource.set("ProductName", "Journey Map");
    resource.set(
        "FileDescription",
        "Journey Map, a customer journey map editor",
    );
    if let Err(err) = resource.compile() {
        println!("cargo:warning=cannot embed the icon in the .exe: {err}");
        std::process::exit(1);
    }
}
