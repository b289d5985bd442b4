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
