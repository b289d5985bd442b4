# Generates C++ (and, when GRPC is given, gRPC service) code for .proto files.
#   wirescope_generate_protos(TARGET ROOT dir PROTOS a.proto b.proto [GRPC])
# PROTOS are relative to ROOT, which is also the import path.
function(wirescope_generate_protos target)
  cmake_parse_arguments(arg "GRPC" "ROOT" "PROTOS" ${ARGN})
  set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/generated)
  file(MAKE_DIRECTORY ${out_dir})
  set(sources)
  foreach(proto IN LISTS arg_PROTOS)
    string(REGEX REPLACE "\\.proto$" "" stem ${proto})
    set(outputs ${out_dir}/${stem}.pb.cc ${out_dir}/${stem}.pb.h)
    set(plugin_args)
    if(arg_GRPC)
      list(APPEND outputs ${out_dir}/${stem}.grpc.pb.cc ${out_dir}/${stem}.grpc.pb.h)
      set(plugin_args --grpc_out=${out_dir} --plugin=protoc-gen-grpc=${GRPC_CPP_PLUGIN})
    endif()
    add_custom_command(
      OUTPUT ${outputs}
      COMMAND protobuf::protoc --cpp_out=${out_dir} ${plugin_args}
              -I ${arg_ROOT} -I ${Protobuf_INCLUDE_DIRS} ${arg_ROOT}/${proto}
      DEPENDS ${arg_ROOT}/${proto}
      COMMENT "protoc ${proto}"
      VERBATIM)
    list(APPEND sources ${outputs})
  endforeach()
  target_sources(${target} PRIVATE ${sources})
  target_include_directories(${target} SYSTEM PUBLIC ${out_dir})
endfunction()

# One QTest executable per feature, registered in CTest, run offscreen.
#   wirescope_add_test(NAME SOURCES ... LIBS ...)
function(wirescope_add_test name)
  cmake_parse_arguments(arg "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test wirescope_options ${arg_LIBS})
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;WIRESCOPE_TEST_TMP=${CMAKE_CURRENT_BINARY_DIR}/tmp"
    TIMEOUT 300)
endfunction()

# Links gRPC, Abseil and protobuf into TARGET from Debian's static archives instead of their
# ~90 shared libraries, whose symbol look-ups were most of the binary's time before main
# (wirescope_startup_bench; `perf stat wirescope --version`). OpenSSL, zlib and c-ares stay
# shared, so the system's security updates reach them. --as-needed drops the shared gRPC
# libraries the first-party libraries name, which nothing uses any more.
#   wirescope_link_grpc_statically(TARGET)
function(wirescope_link_grpc_statically target)
  find_package(PkgConfig REQUIRED)
  execute_process(
    COMMAND ${PKG_CONFIG_EXECUTABLE} --static --libs-only-l grpc++ protobuf
    OUTPUT_VARIABLE flags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "pkg-config knows no grpc++ or protobuf: install libgrpc++-dev")
  endif()
  separate_arguments(flags UNIX_COMMAND "${flags}")
  set(archives)
  foreach(flag -lgrpc++_reflection -lprotoc ${flags})
    string(REGEX REPLACE "^-l" "" name "${flag}")
    if(name MATCHES "^(ssl|crypto|z|cares|dl|pthread|atomic|rt|m)$")
      continue()
    endif()
    unset(archive)
    find_library(archive NAMES lib${name}.a NO_CACHE)
    if(NOT archive)
      message(FATAL_ERROR "no static archive lib${name}.a for ${target}; "
                          "configure with -DWIRESCOPE_STATIC_GRPC=OFF to link it shared")
    endif()
    list(APPEND archives ${archive})
  endforeach()
  list(REMOVE_DUPLICATES archives)
  target_link_libraries(${target} PRIVATE -Wl,--start-group ${archives} -Wl,--end-group)
  target_link_options(${target} PRIVATE LINKER:--as-needed)
endfunction()
